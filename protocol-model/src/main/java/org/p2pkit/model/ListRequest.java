package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/**
 * O to the index: list all registrations, from entry {@code start} on; 0 is the classic request
 * (spec IDX-LIST-1, IDX-LIST-5).
 */
public record ListRequest(PeerName peer, int start) implements Message {
    public ListRequest {
        Objects.requireNonNull(peer, "peer");
        if (start < 0) {
            throw new IllegalArgumentException("list start " + start + " is negative (IDX-LIST-5)");
        }
    }

    /** The classic request, for the whole list from its first entry. */
    public ListRequest(PeerName peer) {
        this(peer, 0);
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("peer", peer, "start", start);
    }
}
