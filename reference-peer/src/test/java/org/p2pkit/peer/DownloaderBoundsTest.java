package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;
import org.p2pkit.peer.TransferFailedException.Cause;

/**
 * The downloader's bounds (SEC-14): a holder that sends without end, or a byte now and then, or
 * more than the disk can take, fails the download with a clear message; no file is left and a good
 * file in place is kept (XFER-8).
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // should a bound not hold
class DownloaderBoundsTest {
    private static final ContentName SONG = ContentName.of("song");
    private static final String GOOD = "the good old file\n";
    private static final long MIB = 1024 * 1024;
    /** Safety nets, so that no planted bug makes a test run for long or write much. */
    private static final Downloader.Options BOUNDED = Downloader.Options.DEFAULT.withDeadline(Duration.ofSeconds(5));
    private static final long SPARE = 32 * MIB;

    @TempDir
    Path folder;
    private Path target;
    private EndlessHolder holder;

    @BeforeEach
    void goodFileInPlace() throws IOException {
        target = Files.writeString(folder.resolve("song.txt"), GOOD);
    }

    @AfterEach
    void stop() throws IOException {
        if (holder != null) {
            holder.close();
        }
    }

    @Test
    void theReferenceValuesAreTheDefaults() {
        Downloader.Options reference = Downloader.Options.DEFAULT;
        assertEquals(Duration.ofHours(1), reference.deadline());
        assertEquals(16 * 1024, reference.minRate());
        assertEquals(Duration.ofSeconds(10), reference.rateWindow());
        assertEquals(1L << 40, reference.maxSize());
        assertEquals(64 * MIB, reference.diskMargin());
        assertEquals(Duration.ofSeconds(10), reference.idleTimeout());
    }

    @Test
    void aHolderThatSendsPiecesWithoutEndFailsAtTheMaximumSize() throws Exception {
        holder = new EndlessHolder(60 * 1024, Duration.ZERO);
        TransferFailedException e = failsWith(Cause.TOO_LARGE, BOUNDED.withMaxSize(MIB));
        assertTrue(e.getMessage().endsWith("failed: the holder sent more than the maximum size of 1.0 MiB (SEC-14)"), e.getMessage());
    }

    @Test
    void aHolderThatSendsPiecesWithoutEndFailsAtTheDeadline() throws Exception {
        holder = new EndlessHolder(101, Duration.ofMillis(2));
        long start = System.nanoTime();
        // about 50 KB/s: fast enough for the reference minimum rate; a stricter one is a safety net
        Downloader.Options options = BOUNDED.withDeadline(Duration.ofMillis(500)).withMinRate(1024 * 1024, Duration.ofSeconds(3));
        TransferFailedException e = failsWith(Cause.DEADLINE, options);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("failed: not complete after 0.5 s, the deadline, with "), e.getMessage());
        assertTrue(millis >= 500 && millis < 3000, "failed at the deadline of 500 ms, after " + millis + " ms");
    }

    @Test
    void aHolderThatSendsAByteNowAndThenFailsUnderTheMinimumRateThoughItIsNeverIdle() throws Exception {
        holder = new EndlessHolder(1, Duration.ofSeconds(2)); // within the idle timeout of 10 s
        long start = System.nanoTime();
        TransferFailedException e = failsWith(Cause.TOO_SLOW, BOUNDED.withMinRate(1024, Duration.ofMillis(500)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().endsWith(" failed: 0 bytes in 0.5 s, under the minimum rate of 1.0 KiB/s (SEC-14)"), e.getMessage());
        assertTrue(millis >= 500 && millis < 1500, "failed at the end of the first window of 500 ms, not at the next byte: " + millis + " ms");
    }

    @Test
    void aDiskThatFillsStopsTheDownloadBeforeItsFreeSpaceFallsUnderTheMargin() throws Exception {
        holder = new EndlessHolder(60 * 1024, Duration.ZERO);
        long margin = 64 * MIB;
        long startsFree = margin + 5 * MIB;
        AtomicLong received = new AtomicLong();
        Downloader downloader = new Downloader(BOUNDED.withDiskMargin(margin), Profile.CLASSIC, diskWith(startsFree));
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> downloader.fetch(hit(), SONG, target, true,
                new Progress() {
                    @Override
                    public void update(long bytes) {
                    }

                    @Override
                    public void finish(long bytes, boolean complete) {
                        received.set(bytes);
                    }
                }));
        assertEquals(Cause.DISK_FULL, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains(" free on the disk after "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", and 64.0 MiB must stay free (SEC-14)"), e.getMessage());
        assertTrue(received.get() > 0 && received.get() <= startsFree - margin, "stopped after " + received.get() + " bytes");
        assertGoodFileKeptAndNothingElse();
    }

    @Test
    void aDiskWithoutRoomForTheMarginRefusesBeforeAskingTheHolder() throws Exception {
        holder = new EndlessHolder(60 * 1024, Duration.ZERO);
        Downloader downloader = new Downloader(BOUNDED.withDiskMargin(1L << 60), Profile.CLASSIC); // the real disk
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> downloader.fetch(hit(), SONG, target, true, Progress.NONE));
        assertEquals(Cause.DISK_FULL, e.failure(), e.getMessage());
        assertGoodFileKeptAndNothingElse();
        assertTrue(e.getMessage().contains(" free on the disk after 0 bytes, and 1.0 EiB must stay free"), e.getMessage());
        assertEquals(0, holder.requests(), "nothing was asked");
    }

    private TransferFailedException failsWith(Cause cause, Downloader.Options options) throws IOException {
        Downloader downloader = new Downloader(options, Profile.CLASSIC, diskWith(options.diskMargin() + SPARE));
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> downloader.fetch(hit(), SONG, target, true, Progress.NONE));
        assertEquals(cause, e.failure(), e.getMessage());
        assertTrue(e.getMessage().startsWith("download of 'song' from alice at " + holder.address() + " failed: "), e.getMessage());
        assertGoodFileKeptAndNothingElse();
        return e;
    }

    /** XFER-8: the good file stays as it was, and no temporary file is left beside it. */
    private void assertGoodFileKeptAndNothingElse() throws IOException {
        assertEquals(GOOD, Files.readString(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder));
    }

    private SearchHit hit() {
        return new SearchHit(PeerName.of("alice"), holder.address());
    }

    /** A disk that has {@code free} bytes free before the download and fills as the folder grows. */
    private static FreeSpace.Disks diskWith(long free) {
        return folder -> () -> free - bytesIn(folder);
    }

    private static long bytesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
