package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/** T with a content name: a peer withdraws one content (spec IDX-DEREG-1). */
public record ContentDeregistration(PeerName peer, ContentName content) implements Message {
    public ContentDeregistration {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("peer", peer, "content", content);
    }
}
