package org.p2pkit.model;

import java.util.Map;

/** O from the index with no peer: an empty slot, which the original index sends (spec IDX-LIST-7). */
public record EmptyListEntry() implements Message {
    @Override
    public Map<String, String> fields() {
        return Map.of();
    }
}
