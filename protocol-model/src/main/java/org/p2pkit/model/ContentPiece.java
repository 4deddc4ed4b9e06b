package org.p2pkit.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/** C: the next 0..99 bytes of a content, never a NUL (spec XFER-2, XFER-6). */
public record ContentPiece(byte[] bytes) implements Message {
    /** The most bytes one piece carries: 100 bytes of data less the NUL end. */
    public static final int MAX_BYTES = 99;

    public ContentPiece {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a content piece carries at most " + MAX_BYTES
                    + " bytes, got " + bytes.length + " (XFER-2)");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new IllegalArgumentException("a content piece cannot carry a NUL byte (at " + i + ") (XFER-6)");
            }
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentPiece piece && Arrays.equals(bytes, piece.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ContentPiece[" + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes) + "]";
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("length", bytes.length, "bytes", HexFormat.of().formatHex(bytes));
    }
}
