package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;

/**
 * H: an extended content server announces what follows (spec EXT-9): the holder and content of
 * the D it answers, the stamp of the whole file, and the offset of the first byte that follows.
 * Exactly {@code stamp.size() - offset} raw bytes follow the PDU.
 */
public record TransferHeader(PeerName holder, ContentName content, ContentStamp stamp, long offset) implements Message {
    public TransferHeader {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(stamp, "stamp");
        if (offset < 0 || offset > stamp.size()) {
            throw new IllegalArgumentException("the offset of a header is 0.." + stamp.size() + ", got " + offset + " (EXT-9)");
        }
    }

    /** The number of raw bytes that follow the header. */
    public long remaining() {
        return stamp.size() - offset;
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("holder", holder, "content", content, "size", stamp.size(), "offset", offset, "sha256", stamp.sha256());
    }
}
