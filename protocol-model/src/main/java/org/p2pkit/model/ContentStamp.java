package org.p2pkit.model;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The stamp of a content in the extended profile: the size of the file and the SHA-256 digest of
 * its bytes (spec EXT-4). A holder registers it, the index returns it with a search hit, and a
 * downloader checks the file it receives against it.
 */
public record ContentStamp(long size, String sha256) {
    /** Bytes in a SHA-256 digest. */
    public static final int DIGEST_BYTES = 32;

    public ContentStamp {
        if (size < 0) {
            throw new IllegalArgumentException("a content size is 0 or more, got " + size);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }

    /** A stamp from a size and the 32 bytes of a digest. */
    public static ContentStamp of(long size, byte[] digest) {
        return new ContentStamp(size, hex(digest));
    }

    /** The 32 bytes of the digest. */
    public byte[] digest() {
        return HexFormat.of().parseHex(sha256);
    }

    /** The 32 bytes of a digest written as 64 lower-case hex digits; anything else is refused. */
    public static byte[] digestOf(String sha256) {
        return new ContentStamp(0, sha256).digest();
    }

    static String hex(byte[] digest) {
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("a SHA-256 digest is " + DIGEST_BYTES + " bytes, got " + digest.length);
        }
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public String toString() {
        return size + " bytes, sha256 " + sha256;
    }
}
