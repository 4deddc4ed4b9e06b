package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/** D: a downloader asks a holder for a content over TCP (spec XFER-1). */
public record DownloadRequest(PeerName holder, ContentName content) implements Message {
    public DownloadRequest {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("holder", holder, "content", content);
    }
}
