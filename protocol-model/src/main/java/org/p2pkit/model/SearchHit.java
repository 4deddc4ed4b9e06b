package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * S from the index: the chosen holder of the content and its address (spec IDX-SEARCH-3); an
 * extended index adds the stamp that holder registered (EXT-6).
 */
public record SearchHit(PeerName holder, PeerAddress address, Optional<ContentStamp> stamp) implements Message {
    public SearchHit {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(stamp, "stamp");
    }

    /** A classic hit, without a stamp. */
    public SearchHit(PeerName holder, PeerAddress address) {
        this(holder, address, Optional.empty());
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.withStamp(FieldMap.of("holder", holder, "address", address), stamp);
    }
}
