package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/** S from the index: the chosen holder of the content and its address (spec IDX-SEARCH-3). */
public record SearchHit(PeerName holder, PeerAddress address) implements Message {
    public SearchHit {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("holder", holder, "address", address);
    }
}
