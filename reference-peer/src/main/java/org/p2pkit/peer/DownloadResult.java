package org.p2pkit.peer;

import java.nio.file.Path;
import java.util.Optional;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/**
 * A completed download: the file is in place. {@code registrationFailure} is set when the
 * registration that follows a download (XFER-9) failed; the file stays then.
 */
public record DownloadResult(ContentName content, PeerName holder, PeerAddress from, Path file, long bytes,
        Optional<IndexException> registrationFailure) {
}
