package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;
import org.p2pkit.peer.FakeHolder.Ending;
import org.p2pkit.peer.FakeHolder.Reply;
import org.p2pkit.peer.TransferFailedException.Cause;

/** The downloader against a scripted holder: framing, the original's habits, and every failure (XFER-1..8). */
class DownloaderTest {
    private static final ContentName SONG = ContentName.of("song");
    private static final PeerName HOLDER = PeerName.of("alice");

    @TempDir
    Path folder;
    private FakeHolder holder;
    private Path target;
    private final Downloader downloader = new Downloader(Downloader.Options.DEFAULT.withIdleTimeout(Duration.ofSeconds(5)), Profile.CLASSIC);

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
    void sendsOneDownloadRequestNamingTheHolderFromTheHit() throws Exception {
        holder.enqueue(Reply.of(List.of(new ContentEnd()), Ending.CLOSE));
        fetch();
        assertArrayEquals(GoldenVectors.bytes("classic-download-request"), holder.takeRequest()); // XFER-1, as the original sends it
    }

    @Test
    void acceptsTheStreamSplitAtEveryByteBoundary() throws Exception {
        byte[] file = TestFiles.lines(4);
        Reply reply = Reply.of(fullPieces(file), Ending.CLOSE);
        for (int split = 0; split <= reply.bytes().length; split++) {
            holder.enqueue(reply.splitAt(split));
            assertEquals(file.length, fetch(), "split at " + split);
            assertArrayEquals(file, Files.readAllBytes(target), "split at " + split);
        }
    }

    @Test
    void acceptsTheStreamOneByteAtATime() throws Exception {
        byte[] file = TestFiles.lines(10);
        holder.enqueue(Reply.of(fullPieces(file), Ending.CLOSE).inChunksOf(1));
        fetch();
        assertArrayEquals(file, Files.readAllBytes(target));
    }

    @Test
    void acceptsPiecesOfEveryLengthFromZeroTo99() throws Exception {
        List<Message> stream = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int length = 0; length <= ContentPiece.MAX_BYTES; length++) {
            byte[] piece = new byte[length];
            Arrays.fill(piece, (byte) ('a' + length % 26));
            stream.add(new ContentPiece(piece)); // XFER-5: receivers accept 0..99, an empty C too
            expected.writeBytes(piece);
        }
        stream.add(new ContentEnd());
        holder.enqueue(Reply.of(stream, Ending.CLOSE).inChunksOf(37));
        fetch();
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(target));
    }

    @Test
    void stopsAtTheEndMarkerWhenTheHolderLeavesTheConnectionOpenAsTheOriginalDoes() throws Exception {
        byte[] file = TestFiles.lines(30);
        holder.enqueue(Reply.of(fullPieces(file), Ending.LEAVE_OPEN));
        fetch();
        assertArrayEquals(file, Files.readAllBytes(target));
        assertEquals("closed", holder.takeClientEnd()); // XFER-4: the downloader closes
    }

    @Test
    void acceptsPiecesCutAtLineEndsAsTheOriginalSendsThem() throws Exception {
        byte[] file = TestFiles.lines(50);
        List<Message> stream = new ArrayList<>();
        String text = new String(file, StandardCharsets.US_ASCII);
        for (String line : text.split("(?<=\n)")) {
            for (int at = 0; at < line.length(); at += ContentPiece.MAX_BYTES) {
                stream.add(new ContentPiece(line.substring(at, Math.min(line.length(), at + 99)).getBytes(StandardCharsets.US_ASCII)));
            }
        }
        stream.add(new ContentEnd());
        holder.enqueue(Reply.of(stream, Ending.LEAVE_OPEN));
        fetch();
        assertArrayEquals(file, Files.readAllBytes(target));
    }

    @Test
    void anErrorReplyFailsWithTheHoldersReason() throws Exception {
        holder.enqueue(Reply.of(List.of(new ErrorReply("Content 'song' is not shared by this peer")), Ending.CLOSE));
        TransferFailedException e = failsWith(Cause.ERROR_REPLY);
        assertTrue(e.getMessage().contains("the holder answered: Content 'song' is not shared by this peer"), e.getMessage());
    }

    @Test
    void anErrorReplyAfterSomePiecesFailsToo() throws Exception {
        List<Message> stream = new ArrayList<>(fullPieces(TestFiles.lines(5)));
        stream.set(stream.size() - 1, new ErrorReply("Content 'song' holds a NUL byte"));
        holder.enqueue(Reply.of(stream, Ending.CLOSE));
        failsWith(Cause.ERROR_REPLY);
    }

    @Test
    void aStreamThatEndsBeforeTheEndMarkerFails() throws Exception {
        List<Message> stream = fullPieces(TestFiles.lines(20));
        holder.enqueue(Reply.of(stream.subList(0, stream.size() - 1), Ending.CLOSE));
        TransferFailedException e = failsWith(Cause.CUT);
        assertTrue(e.getMessage().contains("before the end marker"), e.getMessage());
    }

    @Test
    void aStreamCutInsideAPduFails() throws Exception {
        Reply whole = Reply.of(fullPieces(TestFiles.lines(20)), Ending.CLOSE);
        holder.enqueue(whole.cutAfter(2 * PduCodec.PDU_SIZE + 50));
        TransferFailedException e = failsWith(Cause.CUT);
        assertTrue(e.getMessage().contains("inside a PDU"), e.getMessage());
    }

    @Test
    void aMalformedPduFails() throws Exception {
        byte[] stream = Reply.of(fullPieces(TestFiles.lines(3)), Ending.CLOSE).bytes();
        Arrays.fill(stream, PduCodec.PDU_SIZE, 2 * PduCodec.PDU_SIZE, (byte) 'x'); // a C with no NUL
        holder.enqueue(new Reply(stream, stream.length, stream.length, Ending.CLOSE));
        TransferFailedException e = failsWith(Cause.MALFORMED);
        assertTrue(e.getMessage().contains("malformed PDU"), e.getMessage());
    }

    @Test
    void aPduThatHasNoPlaceInAContentStreamFails() throws Exception {
        holder.enqueue(Reply.of(List.of(new ContentPiece("abc".getBytes(StandardCharsets.US_ASCII)), Acknowledgement.EMPTY), Ending.CLOSE));
        TransferFailedException e = failsWith(Cause.MALFORMED);
        assertTrue(e.getMessage().contains("A PDU in a content stream"), e.getMessage());
    }

    @Test
    void aHolderThatStallsIsTimedOut() throws Exception {
        List<Message> stream = fullPieces(TestFiles.lines(20));
        holder.enqueue(Reply.of(stream.subList(0, 2), Ending.LEAVE_OPEN)); // two pieces, no F, then silence
        Downloader impatient = new Downloader(Downloader.Options.DEFAULT.withIdleTimeout(Duration.ofMillis(200)), Profile.CLASSIC);
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> impatient.fetch(hit(), SONG, target, false, Progress.NONE));
        assertEquals(Cause.TIMEOUT, e.failure());
        assertNothingLeft();
    }

    @Test
    void aRefusedConnectionFails() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        SearchHit nowhere = new SearchHit(HOLDER, new PeerAddress("127.0.0.1", closedPort));
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> downloader.fetch(nowhere, SONG, target, false, Progress.NONE));
        assertEquals(Cause.CONNECT, e.failure());
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aFailedDownloadNeverReplacesAnExistingFile() throws Exception {
        byte[] good = "the good old file\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(target, good);
        List<Message> stream = fullPieces(TestFiles.lines(20));
        holder.enqueue(Reply.of(stream.subList(0, 3), Ending.CLOSE));
        assertThrows(TransferFailedException.class, this::fetch);
        assertArrayEquals(good, Files.readAllBytes(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder));
    }

    @Test
    void aCompleteDownloadKeepsADifferentExistingFileUnlessAskedToReplaceIt() throws Exception {
        Files.writeString(target, "old\n");
        byte[] file = TestFiles.lines(3);
        holder.enqueue(Reply.of(fullPieces(file), Ending.CLOSE));
        FileDiffersException e = assertThrows(FileDiffersException.class, this::fetch);
        assertEquals("'song' exists and differs from alice's copy; " + target + " was kept", e.getMessage());
        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder));

        holder.enqueue(Reply.of(fullPieces(file), Ending.CLOSE));
        downloader.fetch(hit(), SONG, target, true, Progress.NONE);
        assertArrayEquals(file, Files.readAllBytes(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder));
    }

    @Test
    void anIdenticalExistingFileIsNoObstacle() throws Exception {
        byte[] file = TestFiles.lines(3);
        Files.write(target, file);
        holder.enqueue(Reply.of(fullPieces(file), Ending.CLOSE));
        assertEquals(file.length, fetch());
        assertArrayEquals(file, Files.readAllBytes(target));
        assertEquals(List.of("song.txt"), TestFiles.names(folder));
    }

    @Test
    void reportsProgressAndTheEnd() throws Exception {
        byte[] file = new byte[99 * 3000];
        Arrays.fill(file, (byte) 'p');
        holder.enqueue(Reply.of(fullPieces(file), Ending.CLOSE));
        List<String> events = new ArrayList<>();
        downloader.fetch(hit(), SONG, target, false, new Progress() {
            @Override
            public void update(long bytes) {
                events.add("update");
            }

            @Override
            public void finish(long bytes, boolean complete) {
                events.add("finish " + bytes + " " + complete);
            }
        });
        assertTrue(events.contains("update"), events.toString());
        assertEquals("finish " + file.length + " true", events.get(events.size() - 1));
    }

    private long fetch() throws IOException {
        return downloader.fetch(hit(), SONG, target, false, Progress.NONE).received();
    }

    private SearchHit hit() {
        return new SearchHit(HOLDER, holder.address());
    }

    private TransferFailedException failsWith(Cause cause) throws IOException {
        TransferFailedException e = assertThrows(TransferFailedException.class, this::fetch);
        assertEquals(cause, e.failure(), e.getMessage());
        assertNothingLeft();
        return e;
    }

    /** XFER-8: no file in place of the target, no temporary file left. */
    private void assertNothingLeft() throws IOException {
        assertEquals(List.of(), TestFiles.names(folder));
    }

    /** The stream a reference server sends: full 99-byte pieces, the last shorter, then F. */
    static List<Message> fullPieces(byte[] file) {
        List<Message> stream = new ArrayList<>();
        for (int at = 0; at < file.length; at += ContentPiece.MAX_BYTES) {
            stream.add(new ContentPiece(Arrays.copyOfRange(file, at, Math.min(file.length, at + ContentPiece.MAX_BYTES))));
        }
        stream.add(new ContentEnd());
        return stream;
    }
}
