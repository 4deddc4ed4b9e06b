package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * R: a peer registers a content it serves at an address (spec IDX-REG-1); an extended peer adds
 * the content's stamp (EXT-4).
 */
public record Registration(PeerName peer, ContentName content, PeerAddress address, Optional<ContentStamp> stamp) implements Message {
    public Registration {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(stamp, "stamp");
    }

    /** A classic registration, without a stamp. */
    public Registration(PeerName peer, ContentName content, PeerAddress address) {
        this(peer, content, address, Optional.empty());
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.withStamp(FieldMap.of("peer", peer, "content", content, "address", address), stamp);
    }
}
