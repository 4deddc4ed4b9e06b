package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.ResumePoint;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.TransferHeader;
import org.p2pkit.peer.FakeHolder.Ending;
import org.p2pkit.peer.FakeHolder.Reply;
import org.p2pkit.peer.TransferFailedException.Cause;

/** The downloader in the extended profile against a scripted holder: every downloader row of spec 11.4, resume and fallback. */
class ExtendedDownloadTest {
    private static final ContentName SONG = ContentName.of("song");
    private static final PeerName ALICE = PeerName.of("alice");
    private static final byte[] FILE = ExtendedServingTest.binary(250_000);
    private static final ContentStamp STAMP = TestFiles.stamp(FILE);
    private static final long HUGE = 5L << 30; // past 4 GiB: sizes and offsets are longs

    @TempDir
    Path folder;
    private FakeHolder holder;
    private Path target;
    private final Downloader downloader = new Downloader(Downloader.Options.DEFAULT.withIdleTimeout(Duration.ofSeconds(5)), Profile.EXTENDED);

    @BeforeEach
    void start() throws IOException {
        holder = new FakeHolder();
        target = folder.resolve("song.txt");
    }

    @AfterEach
    void stop() throws IOException {
        holder.close();
    }

    @Test
    void aNewDownloadAsksForAHeaderAndVerifiesTheWholeFile() throws Exception {
        holder.enqueue(answer(header(STAMP, 0), FILE));
        Fetched fetched = fetch(Optional.of(STAMP));
        assertEquals(new DownloadRequest(ALICE, SONG, Optional.of(ResumePoint.FRESH)), takeRequest()); // EXT-8
        assertEquals(new Fetched(FILE.length, 0, Verification.VERIFIED, Optional.of(STAMP)), fetched);
        assertArrayEquals(FILE, Files.readAllBytes(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder));
    }

    @Test
    void withoutAStampFromTheIndexTheHoldersStampIsChecked() throws Exception {
        holder.enqueue(answer(header(STAMP, 0), FILE));
        assertEquals(Verification.VERIFIED, fetch(Optional.empty()).verification());
        assertArrayEquals(FILE, Files.readAllBytes(target));
    }

    @Test
    void theEmptyFileIsVerifiedToo() throws Exception {
        ContentStamp empty = TestFiles.stamp(new byte[0]);
        holder.enqueue(answer(header(empty, 0), new byte[0]));
        assertEquals(new Fetched(0, 0, Verification.VERIFIED, Optional.of(empty)), fetch(Optional.of(empty)));
        assertEquals(0, Files.size(target));
    }

    @Test
    void bytesWhoseDigestIsNotTheStampLeaveNothingAndBothDigestsAreReported() throws Exception {
        byte[] other = FILE.clone();
        other[1234] ^= 1;
        holder.enqueue(answer(header(STAMP, 0), other));
        TransferFailedException e = fails(Cause.CORRUPT, Optional.empty()); // 11.4 row 8
        assertTrue(e.getMessage().contains(STAMP.sha256()) && e.getMessage().contains(TestFiles.stamp(other).sha256()), e.getMessage());
        assertEquals(List.of(), TestFiles.names(folder), "no file, no resume file");
    }

    @Test
    void moreBytesThanAnnouncedLeaveNothing() throws Exception {
        holder.enqueue(answer(header(STAMP, 0), concat(FILE, new byte[] {'!'})));
        fails(Cause.CORRUPT, Optional.of(STAMP)); // 11.4 row 7
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aCutStreamKeepsItsBytesAndTheNextDownloadResumesFromThemVerified() throws Exception {
        holder.enqueue(answer(header(STAMP, 0), Arrays.copyOf(FILE, 100_000)));
        TransferFailedException e = fails(Cause.CUT, Optional.of(STAMP)); // 11.4 row 6
        Path resume = ResumeFile.pathOf(target, STAMP);
        assertTrue(e.getMessage().contains(resume.toString()), e.getMessage());
        assertEquals(List.of(resume.getFileName().toString()), TestFiles.names(folder), "only the resume file, never the target");
        assertArrayEquals(Arrays.copyOf(FILE, 100_000), Files.readAllBytes(resume));
        takeRequest();

        holder.enqueue(answer(header(STAMP, 100_000), Arrays.copyOfRange(FILE, 100_000, FILE.length)));
        Fetched fetched = fetch(Optional.of(STAMP));
        assertEquals(new DownloadRequest(ALICE, SONG, Optional.of(ResumePoint.after(100_000, STAMP))), takeRequest()); // EXT-14
        assertEquals(new Fetched(FILE.length - 100_000, 100_000, Verification.VERIFIED, Optional.of(STAMP)), fetched);
        assertArrayEquals(FILE, Files.readAllBytes(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder), "the resume file went with the completion");
    }

    @Test
    void aStalledHolderKeepsTheBytesForResuming() throws Exception {
        Downloader impatient = new Downloader(Downloader.Options.DEFAULT.withIdleTimeout(Duration.ofMillis(300)), Profile.EXTENDED);
        holder.enqueue(answer(header(STAMP, 0), Arrays.copyOf(FILE, 5000)).ending(Ending.LEAVE_OPEN));
        TransferFailedException e = assertThrows(TransferFailedException.class,
                () -> impatient.fetch(new SearchHit(ALICE, holder.address(), Optional.of(STAMP)), SONG, target, false, Progress.NONE));
        assertEquals(Cause.TIMEOUT, e.failure(), e.getMessage());
        assertEquals(5000, Files.size(ResumeFile.pathOf(target, STAMP)));
    }

    @Test
    void aHolderWhoseFileChangedStartsAgainAndTheOldBytesAreDiscarded() throws Exception {
        holder.enqueue(answer(header(STAMP, 0), Arrays.copyOf(FILE, 100_000)));
        fails(Cause.CUT, Optional.empty());
        takeRequest();
        byte[] changed = ExtendedServingTest.binary(120_000);
        changed[0] = 42;
        ContentStamp now = TestFiles.stamp(changed);
        holder.enqueue(answer(header(now, 0), changed)); // EXT-10: another file, offset 0
        Fetched fetched = fetch(Optional.empty());
        assertEquals(new DownloadRequest(ALICE, SONG, Optional.of(ResumePoint.after(100_000, STAMP))), takeRequest());
        assertEquals(new Fetched(changed.length, 0, Verification.VERIFIED, Optional.of(now)), fetched);
        assertArrayEquals(changed, Files.readAllBytes(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder), "the old resume file is gone (EXT-14)");
    }

    @Test
    void aHeaderForAnotherContentFails() throws Exception {
        holder.enqueue(answer(new TransferHeader(ALICE, ContentName.of("tune"), STAMP, 0), FILE));
        fails(Cause.MALFORMED, Optional.of(STAMP)); // 11.4 row 4
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aHeaderOfAnotherHolderFails() throws Exception {
        holder.enqueue(answer(new TransferHeader(PeerName.of("mallory"), SONG, STAMP, 0), FILE));
        fails(Cause.MALFORMED, Optional.of(STAMP));
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aHeaderResumingAtAnOffsetNotAskedForFails() throws Exception {
        holder.enqueue(answer(header(STAMP, 10), Arrays.copyOfRange(FILE, 10, FILE.length)));
        fails(Cause.MALFORMED, Optional.of(STAMP));
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aHeaderWhoseStampIsNotTheIndexsFailsBeforeAnyByteIsKept() throws Exception {
        ContentStamp registered = TestFiles.stamp("the registered file".getBytes());
        holder.enqueue(answer(header(STAMP, 0), FILE));
        TransferFailedException e = fails(Cause.WRONG_STAMP, Optional.of(registered)); // 11.4 row 5
        assertTrue(e.getMessage().contains(STAMP.sha256()) && e.getMessage().contains(registered.sha256()), e.getMessage());
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aHeaderWithAWrongCheckFails() throws Exception {
        byte[] bad = PduCodec.encode(header(STAMP, 0));
        bad[21 + 4 + 48] ^= 1; // the first byte of the block's check
        holder.enqueue(new Reply(concat(bad, FILE), bad.length + FILE.length, bad.length + FILE.length, Ending.CLOSE));
        fails(Cause.MALFORMED, Optional.of(STAMP)); // 11.4 row 10
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aHeaderAnnouncingMoreThanTheMaximumSizeFailsBeforeAnyByteIsWritten() throws Exception {
        Downloader bounded = new Downloader(Downloader.Options.DEFAULT.withMaxSize(4L << 30), Profile.EXTENDED, folder -> () -> Long.MAX_VALUE);
        ContentStamp huge = new ContentStamp(HUGE, STAMP.sha256());
        holder.enqueue(answer(header(huge, 0), FILE));
        TransferFailedException e = assertThrows(TransferFailedException.class,
                () -> bounded.fetch(new SearchHit(ALICE, holder.address()), SONG, target, false, Progress.NONE));
        assertEquals(Cause.TOO_LARGE, e.failure(), e.getMessage()); // 11.4 row 9, SEC-14
        assertTrue(e.getMessage().contains("announced " + HUGE + " bytes"), e.getMessage());
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aFileOfMoreThan4GiBKeepsItsSizeInTheResumeFileAndTheNextRequest() throws Exception {
        Downloader roomy = new Downloader(Downloader.Options.DEFAULT, Profile.EXTENDED, folder -> () -> Long.MAX_VALUE);
        ContentStamp huge = new ContentStamp(HUGE, STAMP.sha256());
        holder.enqueue(answer(header(huge, 0), Arrays.copyOf(FILE, 1000)));
        SearchHit hit = new SearchHit(ALICE, holder.address(), Optional.of(huge));
        assertThrows(TransferFailedException.class, () -> roomy.fetch(hit, SONG, target, false, Progress.NONE));
        assertEquals(1000, Files.size(ResumeFile.pathOf(target, huge)));
        takeRequest();
        holder.enqueue(answer(header(huge, 1000), new byte[0]));
        assertThrows(TransferFailedException.class, () -> roomy.fetch(hit, SONG, target, false, Progress.NONE));
        assertEquals(new DownloadRequest(ALICE, SONG, Optional.of(ResumePoint.after(1000, huge))), takeRequest());
    }

    @Test
    void aClassicHolderIsDownloadedClassicAndCheckedAgainstTheIndexsStamp() throws Exception {
        byte[] text = TestFiles.lines(300);
        holder.enqueue(Reply.of(DownloaderTest.fullPieces(text), Ending.CLOSE));
        Fetched fetched = fetch(Optional.of(TestFiles.stamp(text))); // EXT-12
        assertEquals(new Fetched(text.length, 0, Verification.VERIFIED_AGAINST_INDEX, Optional.of(TestFiles.stamp(text))), fetched);
        assertArrayEquals(text, Files.readAllBytes(target));
    }

    @Test
    void aClassicHolderWithoutAStampAtTheIndexIsNotVerified() throws Exception {
        byte[] text = TestFiles.lines(300);
        holder.enqueue(Reply.of(DownloaderTest.fullPieces(text), Ending.LEAVE_OPEN));
        assertEquals(Verification.HOLDER_CLASSIC, fetch(Optional.empty()).verification());
        assertArrayEquals(text, Files.readAllBytes(target));
    }

    @Test
    void aClassicHolderWhoseFileIsNotTheIndexsLeavesNothingAndBothDigestsAreReported() throws Exception {
        byte[] text = TestFiles.lines(300);
        holder.enqueue(Reply.of(DownloaderTest.fullPieces(text), Ending.CLOSE));
        TransferFailedException e = fails(Cause.CORRUPT, Optional.of(STAMP));
        assertTrue(e.getMessage().contains(STAMP.sha256()) && e.getMessage().contains(TestFiles.stamp(text).sha256()), e.getMessage());
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void aFailedDownloadKeepsTheGoodFileInPlace() throws Exception {
        Files.write(target, "good".getBytes());
        holder.enqueue(answer(header(STAMP, 0), concat(FILE, new byte[] {'!'})));
        fails(Cause.CORRUPT, Optional.of(STAMP));
        assertArrayEquals("good".getBytes(), Files.readAllBytes(target));
    }

    private Fetched fetch(Optional<ContentStamp> registered) throws IOException {
        return downloader.fetch(new SearchHit(ALICE, holder.address(), registered), SONG, target, false, Progress.NONE);
    }

    private TransferFailedException fails(Cause cause, Optional<ContentStamp> registered) {
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> fetch(registered));
        assertEquals(cause, e.failure(), e.getMessage());
        return e;
    }

    private DownloadRequest takeRequest() throws InterruptedException {
        return (DownloadRequest) PduCodec.decode(holder.takeRequest(), Direction.REQUEST);
    }

    private static TransferHeader header(ContentStamp stamp, long offset) {
        return new TransferHeader(ALICE, SONG, stamp, offset);
    }

    private static Reply answer(TransferHeader header, byte[] raw) {
        byte[] bytes = concat(PduCodec.encode(header), raw);
        return new Reply(bytes, bytes.length, bytes.length, Ending.CLOSE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
