package org.p2pkit.peer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/**
 * A completed download: the file is in place. {@code registrationFailure} is set when the
 * registration that follows a download (XFER-9) failed; the file stays then.
 *
 * @param fetched what was received and how it was checked (EXT-13)
 * @param elapsed from the connection to the holder until the file was in place
 */
public record DownloadResult(ContentName content, PeerName holder, PeerAddress from, Path file, Fetched fetched,
        Duration elapsed, Optional<IndexException> registrationFailure) {

    /**
     * The line that ends every download, on a terminal or not, e.g.
     * {@code got song: 1048576 bytes in 0.12 s (8.7 MB/s) from alice at 127.0.0.1:40001, verified sha256 9f86...};
     * the rate is that of the bytes received, a resumed download's kept bytes aside.
     */
    public String summary() {
        double seconds = elapsed.toNanos() / 1e9;
        double megabytesPerSecond = fetched.received() / Math.max(seconds, 1e-9) / 1e6;
        String resumed = fetched.resumedAfter() > 0 ? " (resumed after " + fetched.resumedAfter() + " bytes)" : "";
        return String.format(Locale.ROOT, "got %s: %d bytes%s in %.2f s (%.1f MB/s) from %s at %s:%d, %s",
                content, fetched.size(), resumed, seconds, megabytesPerSecond, holder, from.host(), from.port(), checked());
    }

    private String checked() {
        String sha256 = fetched.stamp().map(stamp -> " sha256 " + stamp.sha256()).orElse("");
        return switch (fetched.verification()) {
            case VERIFIED -> "verified" + sha256;
            case VERIFIED_AGAINST_INDEX -> "verified against the index's stamp (classic transfer)" + sha256;
            case HOLDER_CLASSIC -> "not verified: holder speaks classic only";
            case CLASSIC_PROFILE -> "not verified: classic profile (--classic)";
        };
    }
}
