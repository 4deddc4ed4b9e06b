package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/** The line that ends every download. */
class DownloadResultTest {
    @Test
    void summarySaysBytesSecondsRateAndHolder() {
        DownloadResult result = new DownloadResult(ContentName.of("song"), PeerName.of("alice"), new PeerAddress("127.0.0.1", 40001),
                Path.of("song.txt"), 1_048_576, Duration.ofMillis(120), Optional.empty());
        assertEquals("got song: 1048576 bytes in 0.12 s (8.7 MB/s) from alice at 127.0.0.1:40001", result.summary());
    }
}
