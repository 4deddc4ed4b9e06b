package org.p2pkit.model;

import java.util.Map;

/** F: the end of a content stream, with an empty text (spec XFER-3). */
public record ContentEnd() implements Message {
    @Override
    public Map<String, String> fields() {
        return Map.of();
    }
}
