package org.p2pkit.model;

import java.util.Optional;

/**
 * What an extended downloader asks a holder for (spec EXT-8): the bytes it already holds of a file
 * with a known digest, or nothing ({@link #FRESH}). Carrying one in a D is what makes the D
 * extended; a holder that speaks only classic ignores it.
 */
public record ResumePoint(long offset, Optional<String> sha256) {
    /** A new download: no bytes held. */
    public static final ResumePoint FRESH = new ResumePoint(0, Optional.empty());

    public ResumePoint {
        if (offset < 0) {
            throw new IllegalArgumentException("a resume offset is 0 or more, got " + offset);
        }
        if (sha256.isEmpty() && offset != 0) {
            throw new IllegalArgumentException("a resume offset past 0 needs the digest of the file it belongs to (EXT-8)");
        }
        sha256.ifPresent(ContentStamp::digestOf); // refuses what is not a digest
    }

    /** Resumes after {@code offset} bytes of the file whose stamp is {@code stamp}. */
    public static ResumePoint after(long offset, ContentStamp stamp) {
        return new ResumePoint(offset, Optional.of(stamp.sha256()));
    }
}
