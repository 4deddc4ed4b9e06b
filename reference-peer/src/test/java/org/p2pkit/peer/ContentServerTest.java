package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchRequest;

/** The content server answers classic bytes exactly (XFER-2..5) and survives every bad client (XFER-7, XFER-11). */
class ContentServerTest {
    private static final ContentName SONG = ContentName.of("song");

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
    void answersWithFullPiecesOf99BytesTheLastShorterThenAnEmptyEndMarker() throws Exception {
        byte[] file = TestFiles.lines(20); // 360 bytes: 3 full pieces and one of 63
        assertTrue(file.length % 99 != 0 && file.length > 2 * 99, "a file whose last piece is short");
        serve("song", file);
        byte[] stream = request(PduCodec.encode(new DownloadRequest(PeerName.of("alice"), SONG)));

        assertEquals(0, stream.length % PduCodec.PDU_SIZE, "PDUs of 101 bytes, back to back");
        int pdus = stream.length / PduCodec.PDU_SIZE;
        assertEquals((file.length + 98) / 99 + 1, pdus);
        for (int i = 0; i < pdus - 1; i++) {
            byte[] piece = Arrays.copyOfRange(file, i * 99, Math.min(file.length, (i + 1) * 99));
            assertArrayEquals(PduCodec.encode(new ContentPiece(piece)), pdu(stream, i), "piece " + i); // XFER-2, XFER-5
        }
        assertArrayEquals(PduCodec.encode(new ContentEnd()), pdu(stream, pdus - 1)); // XFER-3
        assertEquals(ContentFramingView.concat(stream), new String(file, "US-ASCII"));
    }

    @Test
    void answersTheClassicRequestWithTheClassicBytes() throws Exception {
        serve("song", "line 0 xxxxxxxxxxxxxxxx\n".getBytes("US-ASCII"));
        byte[] stream = request(GoldenVectors.bytes("classic-download-request"));
        assertArrayEquals(GoldenVectors.bytes("classic-content-piece"), pdu(stream, 0));
        assertArrayEquals(GoldenVectors.bytes("classic-content-end"), pdu(stream, 1));
        assertEquals(2 * PduCodec.PDU_SIZE, stream.length);
    }

    @Test
    void aFileOfWholePiecesEndsWithAFullPieceThenTheEndMarker() throws Exception {
        byte[] file = new byte[99 * 4];
        Arrays.fill(file, (byte) 'z');
        serve("song", file);
        byte[] stream = request(downloadSong());
        assertEquals(5 * PduCodec.PDU_SIZE, stream.length);
        assertArrayEquals(PduCodec.encode(new ContentEnd()), pdu(stream, 4));
    }

    @Test
    void anEmptyFileIsJustTheEndMarker() throws Exception {
        serve("song", new byte[0]);
        assertArrayEquals(PduCodec.encode(new ContentEnd()), request(downloadSong()));
    }

    @Test
    void aLargeFileCrossesReadBlocksWithoutShortPieces() throws Exception {
        byte[] file = TestFiles.lines(20_000);
        assertTrue(file.length > 3 * ContentSession.BLOCK);
        serve("song", file);
        byte[] stream = request(downloadSong());
        int pdus = stream.length / PduCodec.PDU_SIZE;
        assertEquals((file.length + 98) / 99 + 1, pdus);
        assertEquals(new String(file, "US-ASCII"), ContentFramingView.concat(stream));
    }

    @Test
    void anUnknownContentGetsOneErrorThenTheConnectionCloses() throws Exception {
        serve("song", TestFiles.lines(3));
        Message reply = only(request(PduCodec.encode(new DownloadRequest(PeerName.of("alice"), ContentName.of("other")))));
        assertEquals(new ErrorReply("Content 'other' is not shared by this peer"), reply); // XFER-7
    }

    @Test
    void aRequestNamingAnotherHolderGetsOneErrorThoughTheContentIsShared() throws Exception {
        TestFiles.write(folder, "song", TestFiles.lines(3));
        server = ContentServer.start(new ContentStore(folder), options().withHolder(PeerName.of("alice")));
        server.allow(SONG);
        Message reply = only(request(PduCodec.encode(new DownloadRequest(PeerName.of("mallory"), SONG))));
        assertTrue(reply instanceof ErrorReply e && e.reason().contains("mallory"), "got " + reply); // XFER-7
        assertTrue(PduCodec.decode(Arrays.copyOf(request(downloadSong()), PduCodec.PDU_SIZE), Direction.REPLY) instanceof ContentPiece,
                "alice's own request is served");
    }

    @Test
    void aFileThatVanishedGetsOneError() throws Exception {
        Path file = serve("song", TestFiles.lines(3));
        Files.delete(file);
        assertEquals(new ErrorReply("Content 'song' is no longer available"), only(request(downloadSong())));
    }

    @Test
    void aFileThatGainedANulGetsAnErrorInsteadOfContent() throws Exception {
        Path file = serve("song", TestFiles.lines(3));
        Files.write(file, new byte[] {'a', 0, 'b'});
        Message reply = only(request(downloadSong()));
        assertTrue(reply instanceof ErrorReply e && e.reason().contains("NUL"), reply.toString()); // XFER-6
    }

    @Test
    void aMalformedRequestGetsAMalformedPduError() throws Exception {
        serve("song", TestFiles.lines(3));
        byte[] bad = downloadSong();
        bad[10] = 'X'; // where the ',' separator belongs
        Message reply = only(request(bad));
        assertTrue(reply instanceof ErrorReply e && e.reason().startsWith("Malformed PDU: "), reply.toString());
    }

    @Test
    void aRequestOfAnotherTypeGetsAnError() throws Exception {
        serve("song", TestFiles.lines(3));
        Message reply = only(request(PduCodec.encode(new SearchRequest(PeerName.of("bob"), SONG))));
        assertEquals(new ErrorReply("Expected a download request (D), got S"), reply);
    }

    @Test
    void neverReadsOutsideTheFolderEvenForAContentItWasToldToServe() throws Exception {
        Path share = Files.createDirectory(folder.resolve("share"));
        Files.write(folder.resolve("secret"), TestFiles.lines(2));
        server = ContentServer.start(new ContentStore(share, "{name}"), options());
        server.allow(ContentName.of(".."));
        Message reply = only(request(PduCodec.encode(new DownloadRequest(PeerName.of("alice"), ContentName.of("..")))));
        assertEquals(new ErrorReply("Content '..' is no longer available"), reply); // XFER-10
    }

    @Test
    void dropsAClientThatSendsNothing() throws Exception {
        serve("song", TestFiles.lines(3));
        server.close();
        server = ContentServer.start(new ContentStore(folder), options().withLimits(ContentServer.Limits.DEFAULT.withRequestDeadline(Duration.ofMillis(200))));
        server.allow(SONG);
        try (Socket silent = connect()) {
            assertEquals(-1, silent.getInputStream().read()); // XFER-11: closed without a reply
        }
        assertEquals(new String(TestFiles.lines(3), "US-ASCII"), ContentFramingView.concat(request(downloadSong())), "still serving");
    }

    @Test
    void aClientThatLeavesMidStreamDoesNotDisturbOthers() throws Exception {
        byte[] file = TestFiles.lines(50_000);
        serve("song", file);
        try (Socket quitter = connect()) {
            quitter.getOutputStream().write(downloadSong());
            quitter.getInputStream().readNBytes(5000);
        }
        assertEquals(new String(file, "US-ASCII"), ContentFramingView.concat(request(downloadSong())));
    }

    @Test
    void servesManyDownloadsAtOnce() throws Exception {
        byte[] file = TestFiles.lines(5_000);
        serve("song", file);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(clients.submit(() -> request(downloadSong())));
            }
            for (Future<byte[]> result : results) {
                assertEquals(new String(file, "US-ASCII"), ContentFramingView.concat(result.get(30, TimeUnit.SECONDS)));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(8, server.completedTransfers());
    }

    private Path serve(String content, byte[] bytes) throws IOException {
        Path file = TestFiles.write(folder, content, bytes);
        server = ContentServer.start(new ContentStore(folder), options());
        server.allow(ContentName.of(content));
        return file;
    }

    private static ContentServer.Options options() {
        return ContentServer.Options.defaults(InetAddress.getLoopbackAddress());
    }

    private static byte[] downloadSong() {
        return PduCodec.encode(new DownloadRequest(PeerName.of("alice"), SONG));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.localAddress().getAddress(), server.localAddress().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends raw request bytes and returns everything the server sends until it closes. */
    private byte[] request(byte[] raw) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(raw);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        }
    }

    private static byte[] pdu(byte[] stream, int index) {
        return Arrays.copyOfRange(stream, index * PduCodec.PDU_SIZE, (index + 1) * PduCodec.PDU_SIZE);
    }

    private static Message only(byte[] stream) {
        assertEquals(PduCodec.PDU_SIZE, stream.length, "exactly one PDU, then close");
        return PduCodec.decode(stream, Direction.REPLY);
    }

    /** Reads a stream of C PDUs back into text, through the codec. */
    static final class ContentFramingView {
        static String concat(byte[] stream) {
            StringBuilder text = new StringBuilder();
            for (int at = 0; at < stream.length; at += PduCodec.PDU_SIZE) {
                Message m = PduCodec.decode(stream, at, PduCodec.PDU_SIZE, Direction.REPLY);
                if (m instanceof ContentPiece piece) {
                    assertTrue(piece.length() == 99 || at + 2 * PduCodec.PDU_SIZE == stream.length, "only the last piece is short");
                    text.append(new String(piece.bytes(), java.nio.charset.StandardCharsets.US_ASCII));
                } else {
                    assertEquals(new ContentEnd(), m);
                    assertEquals(stream.length, at + PduCodec.PDU_SIZE, "F comes last");
                }
            }
            return text.toString();
        }
    }
}
