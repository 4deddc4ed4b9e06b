package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/** S to the index: a peer asks who holds a content (spec IDX-SEARCH-1). */
public record SearchRequest(PeerName peer, ContentName content) implements Message {
    public SearchRequest {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("peer", peer, "content", content);
    }
}
