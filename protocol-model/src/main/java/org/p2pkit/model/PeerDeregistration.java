package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/** T with nine '*': a peer leaves with all its contents (spec IDX-LEAVE-1). */
public record PeerDeregistration(PeerName peer) implements Message {
    public PeerDeregistration {
        Objects.requireNonNull(peer, "peer");
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("peer", peer);
    }
}
