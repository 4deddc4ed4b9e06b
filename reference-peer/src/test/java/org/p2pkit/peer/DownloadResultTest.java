package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/** The line that ends every download. */
class DownloadResultTest {
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void summarySaysBytesSecondsRateAndHolder() {
        assertEquals("got song: 1048576 bytes in 0.12 s (8.7 MB/s) from alice at 127.0.0.1:40001, not verified: classic profile (--classic)",
                result(new Fetched(1_048_576, 0, Verification.CLASSIC_PROFILE, Optional.empty())).summary());
    }

    @Test
    void summarySaysTheFileWasVerifiedWithItsDigest() {
        assertEquals("got song: 1048576 bytes in 0.12 s (8.7 MB/s) from alice at 127.0.0.1:40001, verified sha256 " + SHA256,
                result(new Fetched(1_048_576, 0, Verification.VERIFIED, Optional.of(new ContentStamp(1_048_576, SHA256)))).summary());
    }

    @Test
    void summaryOfAResumedDownloadGivesTheRateOfTheBytesReceived() {
        assertEquals("got song: 2097152 bytes (resumed after 1048576 bytes) in 0.12 s (8.7 MB/s) from alice at 127.0.0.1:40001, verified sha256 "
                + SHA256, result(new Fetched(1_048_576, 1_048_576, Verification.VERIFIED, Optional.of(new ContentStamp(2_097_152, SHA256)))).summary());
    }

    @Test
    void summarySaysWhenTheHolderSpokeClassic() {
        assertTrue(result(new Fetched(10, 0, Verification.HOLDER_CLASSIC, Optional.empty())).summary()
                .endsWith(", not verified: holder speaks classic only"));
        assertTrue(result(new Fetched(10, 0, Verification.VERIFIED_AGAINST_INDEX, Optional.of(new ContentStamp(10, SHA256)))).summary()
                .endsWith(", verified against the index's stamp (classic transfer) sha256 " + SHA256));
    }

    private static DownloadResult result(Fetched fetched) {
        return new DownloadResult(ContentName.of("song"), PeerName.of("alice"), new PeerAddress("127.0.0.1", 40001),
                Path.of("song.txt"), fetched, Duration.ofMillis(120), Optional.empty());
    }
}
