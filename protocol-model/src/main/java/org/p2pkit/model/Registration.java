package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/** R: a peer registers a content it serves at an address (spec IDX-REG-1). */
public record Registration(PeerName peer, ContentName content, PeerAddress address) implements Message {
    public Registration {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("peer", peer, "content", content, "address", address);
    }
}
