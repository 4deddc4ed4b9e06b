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
 * @param elapsed from the connection to the holder until the file was in place
 */
public record DownloadResult(ContentName content, PeerName holder, PeerAddress from, Path file, long bytes,
        Duration elapsed, Optional<IndexException> registrationFailure) {

    /**
     * The line that ends every download, on a terminal or not, e.g.
     * {@code got song: 1048576 bytes in 0.12 s (8.7 MB/s) from alice at 127.0.0.1:40001}.
     */
    public String summary() {
        double seconds = elapsed.toNanos() / 1e9;
        double megabytesPerSecond = bytes / Math.max(seconds, 1e-9) / 1e6;
        return String.format(Locale.ROOT, "got %s: %d bytes in %.2f s (%.1f MB/s) from %s at %s:%d",
                content, bytes, seconds, megabytesPerSecond, holder, from.host(), from.port());
    }
}
