package org.p2pkit.conformance.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.p2pkit.model.ContentStamp;

/**
 * A content file of a peer case: {@code size} bytes of text generated from its name, so every run
 * and every implementation sees the same bytes; {@code nulAt} puts a NUL in it (XFER-6); a
 * {@code pattern} (base64 in the script) makes it any bytes instead: the pattern repeated to
 * {@code size}. {@code share}: the target's working folder holds it when the case starts (for
 * contents it shares); {@code present}: it is there although not shared.
 */
public record FileSpec(String content, int size, boolean share, boolean present, int nulAt, byte[] pattern) {
    /** The file's bytes: the pattern repeated, or numbered lines of text, with a NUL at {@code nulAt} when that is not negative. */
    public byte[] bytes() {
        if (pattern != null) {
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = pattern[i % pattern.length];
            }
            return bytes;
        }
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

    /** The file's stamp (EXT-4): its size and the SHA-256 of its bytes. */
    public ContentStamp stamp() {
        return stampOf(bytes());
    }

    /** The stamp of any bytes. */
    public static ContentStamp stampOf(byte[] bytes) {
        try {
            return ContentStamp.of(bytes.length, MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether the file is in the target's folder when the case starts. */
    public boolean inWorkdir() {
        return share || present;
    }
}
