package org.p2pkit.conformance.cases;

import java.nio.charset.StandardCharsets;

/**
 * A content file of a peer case: {@code size} bytes of text generated from its name, so every run
 * and every implementation sees the same bytes; {@code nulAt} puts a NUL in it (XFER-6). {@code share}: the target's working folder holds it
 * when the case starts (for contents it shares); {@code present}: it is there although not shared.
 */
public record FileSpec(String content, int size, boolean share, boolean present, int nulAt) {
    /** The file's bytes: numbered lines of text, with a NUL only at {@code nulAt} when that is not negative. */
    public byte[] bytes() {
        StringBuilder text = new StringBuilder(size + 64);
        for (int line = 0; text.length() < size; line++) {
            text.append(String.format("%s line %05d: the quick brown fox jumps over the lazy dog%n", content, line));
        }
        byte[] bytes = text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
        if (nulAt >= 0 && nulAt < size) {
            bytes[nulAt] = 0;
        }
        return bytes;
    }

    /** Whether the file is in the target's folder when the case starts. */
    public boolean inWorkdir() {
        return share || present;
    }
}
