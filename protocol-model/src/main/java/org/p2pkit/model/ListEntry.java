package org.p2pkit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** O from the index: a peer and up to 8 of its contents (spec IDX-LIST-2). */
public record ListEntry(PeerName peer, List<ContentName> contents) implements Message {
    /** Content slots in one entry; a peer with more takes several entries (IDX-LIST-2). */
    public static final int MAX_CONTENTS = 8;

    public ListEntry {
        Objects.requireNonNull(peer, "peer");
        contents = List.copyOf(contents);
        if (contents.size() > MAX_CONTENTS) {
            throw new IllegalArgumentException("a list entry holds at most " + MAX_CONTENTS
                    + " contents, got " + contents.size() + " (IDX-LIST-2)");
        }
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("peer", peer, "contents", String.join(" ", contents.stream().map(ContentName::value).toList()));
    }
}
