package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.ResumePoint;
import org.p2pkit.model.TransferHeader;

/** The content server in the extended profile (spec EXT-9 to EXT-11), against a client written here. */
class ExtendedServingTest {
    private static final ContentName SONG = ContentName.of("song");
    private static final ContentName TUNE = ContentName.of("tune");
    private static final PeerName ALICE = PeerName.of("alice");
    private static final byte[] BINARY = binary(300_000);

    @TempDir
    Path folder;
    private ContentServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestWithABlockGetsOneHeaderThenTheRawBytesNulIncludedThenTheEnd() throws Exception {
        serve(Profile.EXTENDED, BINARY);
        byte[] answer = request(ResumePoint.FRESH);
        assertEquals(new TransferHeader(ALICE, SONG, TestFiles.stamp(BINARY), 0), header(answer)); // EXT-9
        assertArrayEquals(BINARY, raw(answer), "exactly size - offset bytes, then the server closed");
    }

    @Test
    void aResumeWithTheFilesDigestGetsTheBytesFromItsOffset() throws Exception {
        serve(Profile.EXTENDED, BINARY);
        byte[] answer = request(ResumePoint.after(100_000, TestFiles.stamp(BINARY)));
        assertEquals(new TransferHeader(ALICE, SONG, TestFiles.stamp(BINARY), 100_000), header(answer)); // EXT-10
        assertArrayEquals(Arrays.copyOfRange(BINARY, 100_000, BINARY.length), raw(answer));
    }

    @Test
    void aResumeWithAnotherFilesDigestGetsTheWholeFile() throws Exception {
        serve(Profile.EXTENDED, BINARY);
        byte[] answer = request(ResumePoint.after(100, TestFiles.stamp("another file".getBytes())));
        assertEquals(0, header(answer).offset()); // EXT-10
        assertArrayEquals(BINARY, raw(answer));
    }

    @Test
    void aResumeOffsetPastTheEndOfTheSameFileIsRefused() throws Exception {
        serve(Profile.EXTENDED, BINARY);
        byte[] answer = request(ResumePoint.after(BINARY.length + 1L, TestFiles.stamp(BINARY)));
        assertEquals(new ErrorReply("Resume offset past the end"), only(answer)); // EXT-10, 11.4 row 2
    }

    @Test
    void aFileChangedSinceItWasStampedIsStampedAgainBeforeTheHeader() throws Exception {
        Path file = serve(Profile.EXTENDED, BINARY);
        header(request(ResumePoint.FRESH)); // stamped now
        byte[] changed = binary(1000);
        Files.write(file, changed);
        byte[] answer = request(ResumePoint.after(100, TestFiles.stamp(BINARY)));
        assertEquals(new TransferHeader(ALICE, SONG, TestFiles.stamp(changed), 0), header(answer)); // the old digest is another file's
        assertArrayEquals(changed, raw(answer));
    }

    @Test
    void anotherSessionIsServedWhileAChangedFileIsStampedAgain() throws Exception {
        byte[] changed = binary(200_000);
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the changed file's stamp takes until the test releases it; any other is taken at once
        StampCache.Source slow = channel -> {
            if (channel.size() == changed.length) {
                hashing.countDown();
                awaitRelease(release);
            }
            return FileDigest.stampOf(channel);
        };
        byte[] text = TestFiles.lines(40);
        Path file = TestFiles.write(folder, "song", BINARY);
        TestFiles.write(folder, "tune", text);
        ContentStore store = new ContentStore(folder, ContentStore.DEFAULT_PATTERN, slow);
        store.stamp(SONG); // as registering does (EXT-4)
        store.stamp(TUNE);
        server = ContentServer.start(store, options(Profile.EXTENDED));
        server.allow(SONG);
        server.allow(TUNE);
        Files.write(file, changed);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> waiting = client.submit(() -> request(SONG, ResumePoint.FRESH));
            assertTrue(hashing.await(10, TimeUnit.SECONDS), "the changed file is being stamped");
            byte[] other = request(TUNE, ResumePoint.FRESH);
            assertEquals(new TransferHeader(ALICE, TUNE, TestFiles.stamp(text), 0), header(other));
            assertArrayEquals(text, raw(other), "served while the other file's stamp is taken");
            assertFalse(waiting.isDone(), "the request for the changed file waits for its stamp");
            release.countDown();
            byte[] answer = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(new TransferHeader(ALICE, SONG, TestFiles.stamp(changed), 0), header(answer)); // EXT-9: the new bytes' stamp
            assertArrayEquals(changed, raw(answer));
        } finally {
            release.countDown();
            client.shutdownNow();
        }
    }

    @Test
    void aFileWhoseStampCannotBeTakenIsRefusedAsNotReadable() throws Exception {
        TestFiles.write(folder, "song", BINARY);
        server = ContentServer.start(new ContentStore(folder, ContentStore.DEFAULT_PATTERN, channel -> {
            throw new IOException("the disk failed");
        }), options(Profile.EXTENDED));
        server.allow(SONG);
        assertEquals(new ErrorReply("Content 'song' is not readable"), only(request(ResumePoint.FRESH))); // XFER-7
    }

    @Test
    void theEmptyFileIsAHeaderAndNoBytes() throws Exception {
        serve(Profile.EXTENDED, new byte[0]);
        byte[] answer = request(ResumePoint.FRESH);
        assertEquals(new TransferHeader(ALICE, SONG, TestFiles.stamp(new byte[0]), 0), header(answer));
        assertEquals(0, raw(answer).length);
    }

    @Test
    void aClassicRequestForAFileHoldingANulIsRefused() throws Exception {
        serve(Profile.EXTENDED, BINARY);
        Message answer = only(exchange(PduCodec.encode(new DownloadRequest(ALICE, SONG))));
        assertInstanceOf(ErrorReply.class, answer); // EXT-11, XFER-6
        assertTrue(((ErrorReply) answer).reason().contains("NUL"), answer.toString());
    }

    @Test
    void aClassicRequestForATextFileIsServedClassic() throws Exception {
        byte[] text = TestFiles.lines(40);
        serve(Profile.EXTENDED, text);
        byte[] stream = exchange(PduCodec.encode(new DownloadRequest(ALICE, SONG)));
        assertEquals(new String(text, java.nio.charset.StandardCharsets.US_ASCII), ContentServerTest.ContentFramingView.concat(stream)); // EXT-11
    }

    @Test
    void aClassicServerAnswersARequestWithABlockClassic() throws Exception {
        byte[] text = TestFiles.lines(40);
        serve(Profile.CLASSIC, text);
        byte[] stream = request(ResumePoint.FRESH);
        assertEquals(new String(text, java.nio.charset.StandardCharsets.US_ASCII), ContentServerTest.ContentFramingView.concat(stream));
    }

    private Path serve(Profile profile, byte[] bytes) throws IOException {
        Path file = TestFiles.write(folder, "song", bytes);
        server = ContentServer.start(new ContentStore(folder), options(profile));
        server.allow(SONG);
        return file;
    }

    private static ContentServer.Options options(Profile profile) {
        return ContentServer.Options.defaults(InetAddress.getLoopbackAddress()).withHolder(ALICE).withProfile(profile);
    }

    /** Until the test releases it, or fails after a bound; a server that stops interrupts it. */
    private static void awaitRelease(CountDownLatch release) throws IOException {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the stamp");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the server stopped");
        }
    }

    private byte[] request(ResumePoint resume) throws IOException {
        return request(SONG, resume);
    }

    private byte[] request(ContentName content, ResumePoint resume) throws IOException {
        return exchange(PduCodec.encode(new DownloadRequest(ALICE, content, Optional.of(resume))));
    }

    /** Sends a request and returns everything the server sends until it closes. */
    private byte[] exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(server.localAddress().getAddress(), server.localAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            return all.toByteArray();
        }
    }

    private static TransferHeader header(byte[] answer) {
        return (TransferHeader) PduCodec.decode(answer, 0, PduCodec.PDU_SIZE, Direction.REPLY);
    }

    private static byte[] raw(byte[] answer) {
        return Arrays.copyOfRange(answer, PduCodec.PDU_SIZE, answer.length);
    }

    private static Message only(byte[] answer) {
        assertEquals(PduCodec.PDU_SIZE, answer.length, "exactly one PDU, then close");
        return PduCodec.decode(answer, Direction.REPLY);
    }

    /** Bytes of every value, NUL included, in an order that no shift or truncation keeps. */
    static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }
}
