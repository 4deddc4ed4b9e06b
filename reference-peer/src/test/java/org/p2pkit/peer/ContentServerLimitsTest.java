package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.peer.ContentServerTest.ContentFramingView;

/**
 * The content server's bounds (SEC-11 to SEC-13): a request has a deadline however it trickles in,
 * connections are limited per source host and in all, a downloader that stops reading is dropped;
 * so connections from one host (127.0.0.2) cannot delay a download from another (127.0.0.3).
 */
class ContentServerLimitsTest {
    private static final Logger LOG = Logger.getLogger(ContentServerLimitsTest.class.getName());
    private static final ContentName SONG = ContentName.of("song");
    private static final String ATTACKER = "127.0.0.2";
    private static final String OTHER = "127.0.0.3";
    /** The required outcome: under attack, a download from another host completes within this. */
    private static final Duration PROMPT = Duration.ofSeconds(1);
    private static final int ATTACKERS = 300;

    @TempDir
    Path folder;
    private ContentServer server;
    private byte[] file;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestTrickledInByteByByteIsDroppedAtTheDeadlineFromTheConnectionsStart() throws Exception {
        serve(ContentServer.Limits.DEFAULT.withRequestDeadline(Duration.ofMillis(500)), TestFiles.lines(3));
        byte[] request = downloadSong();
        try (Socket dripper = connectFrom(ATTACKER)) {
            dripper.setSoTimeout(100); // a byte every 100 ms: far within the idle timeout of 10 s
            long start = System.nanoTime();
            int sent = 0;
            int reply = 0;
            while (sent < request.length && reply == 0) {
                try {
                    dripper.getOutputStream().write(request[sent++]);
                    reply = dripper.getInputStream().read();
                } catch (SocketTimeoutException stillOpen) {
                    // the next byte
                } catch (SocketException reset) {
                    reply = -1;
                }
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, reply, "closed without a reply");
            assertTrue(sent < request.length, "dropped before its request was whole, after " + sent + " bytes");
            assertTrue(elapsedMillis >= 400 && elapsedMillis < 1500, "dropped at the deadline of 500 ms, after " + elapsedMillis + " ms");
        }
    }

    @Test
    void aConnectionOverTheLimitOfItsHostIsClosedAtOnceWithoutAReplyAndOtherHostsAreServed() throws Exception {
        serve(ContentServer.Limits.DEFAULT, TestFiles.lines(3));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < ContentServer.Limits.DEFAULT.maxPerHost(); i++) {
                held.add(connectFrom(ATTACKER));
            }
            try (Socket extra = connectFrom(ATTACKER)) {
                long start = System.nanoTime();
                assertEquals(-1, readOrReset(extra, Duration.ofSeconds(3)), "closed without a reply");
                assertTrue(System.nanoTime() - start < PROMPT.toNanos(), "at once, not at the request deadline");
            }
            for (Socket socket : held) {
                assertEquals(-2, readOrReset(socket, Duration.ofMillis(10)), "the first 8 stay open");
            }
            assertTrue(downloadFrom(OTHER).compareTo(PROMPT) < 0);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void connectionsOverTheLimitInAllAreClosedAtOnceWhateverTheirHost() throws Exception {
        serve(ContentServer.Limits.DEFAULT.withMaxConnections(3), TestFiles.lines(3));
        List<Socket> held = new ArrayList<>();
        try {
            for (String host : List.of("127.0.0.4", "127.0.0.5", "127.0.0.6")) {
                held.add(connectFrom(host));
            }
            try (Socket extra = connectFrom(OTHER)) {
                assertEquals(-1, readOrReset(extra, PROMPT), "closed at once without a reply");
            }
            held.remove(0).close(); // gives its place back
            assertTrue(eventually(() -> downloadFromSucceeds(OTHER)), "served once a place is free");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aDownloaderThatTakesNoBytesIsDroppedAfterTheIdleTimeoutAndItsPlaceFreed() throws Exception {
        byte[] big = TestFiles.lines(400_000); // megabytes: more than the socket buffers hold
        serve(ContentServer.Limits.DEFAULT.withIdleTimeout(Duration.ofMillis(300)).withMaxPerHost(1), big);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.bind(new InetSocketAddress(ATTACKER, 0));
            stalled.connect(server.localAddress(), 5000);
            stalled.getOutputStream().write(downloadSong()); // then reads nothing
            try (Socket second = connectFrom(ATTACKER)) {
                assertEquals(-1, readOrReset(second, PROMPT), "its host's one place is taken");
            }
            assertTrue(eventually(() -> downloadFromSucceeds(ATTACKER)), "the stalled downloader was dropped, its place freed");
            stalled.setSoTimeout(5000);
            byte[] got = readUntilEnd(stalled.getInputStream());
            long whole = (big.length + 98L) / 99 * PduCodec.PDU_SIZE + PduCodec.PDU_SIZE;
            assertTrue(got.length < whole, "the stalled downloader got " + got.length + " of " + whole + " bytes, no end marker");
        }
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("reference limits", ContentServer.Limits.DEFAULT),
                // the held connections are dropped and taken again while the downloads run
                Arguments.of("request deadline 1 s", ContentServer.Limits.DEFAULT.withRequestDeadline(Duration.ofSeconds(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void idleConnectionsReopenedContinuallyFromOneHostDoNotDelayADownloadFromAnother(String name, ContentServer.Limits limits)
            throws Exception {
        serve(limits, TestFiles.lines(3000));
        try (Attack attack = Attack.idle(server.localAddress(), ATTACKER, ATTACKERS)) {
            assertDownloadsPromptlyDuring(attack, "idle connections, " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void requestsDrippedByteByByteFromOneHostDoNotDelayADownloadFromAnother(String name, ContentServer.Limits limits)
            throws Exception {
        serve(limits, TestFiles.lines(3000));
        try (Attack attack = Attack.dripping(server.localAddress(), ATTACKER, ATTACKERS, downloadSong(), Duration.ofSeconds(2))) {
            assertDownloadsPromptlyDuring(attack, "dripping requests, " + name);
        }
    }

    /** While the attack runs, downloads from the other host each complete within {@link #PROMPT}. */
    private void assertDownloadsPromptlyDuring(Attack attack, String what) throws Exception {
        assertTrue(eventually(() -> attack.closedByServer() >= ATTACKERS - ContentServer.Limits.DEFAULT.maxPerHost()),
                "the attack is under way: connections over the limit are closed, " + attack.closedByServer() + " so far");
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < 10; i++) {
            Duration took = downloadFrom(OTHER);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            Thread.sleep(200);
        }
        int reopened = attack.opened() - ATTACKERS;
        LOG.info(what + ": slowest of 10 downloads from " + OTHER + " took " + slowest.toMillis() + " ms; the attacker reopened "
                + reopened + " connections");
        assertTrue(slowest.compareTo(PROMPT) < 0, "a download took " + slowest.toMillis() + " ms");
        assertTrue(reopened > ATTACKERS, "the attacker reopened its connections continually: " + reopened);
    }

    private void serve(ContentServer.Limits limits, byte[] content) throws IOException {
        file = content;
        TestFiles.write(folder, "song", content);
        server = ContentServer.start(new ContentStore(folder), ContentServer.Options.defaults(InetAddress.getLoopbackAddress()).withLimits(limits));
        server.allow(SONG);
    }

    private Socket connectFrom(String host) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(host, 0));
        socket.connect(server.localAddress(), 5000);
        return socket;
    }

    /** A whole download from {@code host}, checked byte for byte; how long it took. */
    private Duration downloadFrom(String host) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = connectFrom(host)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(downloadSong());
            byte[] got = ContentFramingView.concat(socket.getInputStream().readAllBytes()).getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(file, got, "the download from " + host);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private boolean downloadFromSucceeds(String host) {
        try (Socket socket = connectFrom(host)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(downloadSong());
            return ContentFramingView.concat(socket.getInputStream().readAllBytes()).length() == file.length;
        } catch (IOException | AssertionError e) {
            return false;
        }
    }

    /** The first byte read, -1 at the end of the stream or on a reset, -2 when nothing came within {@code wait}. */
    private static int readOrReset(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (SocketException reset) {
            return -1;
        }
    }

    private static byte[] readUntilEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // dropped: what came before the reset is what it got
        }
        return all.toByteArray();
    }

    /** Whether {@code condition} holds within 5 s. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static byte[] downloadSong() {
        return PduCodec.encode(new DownloadRequest(PeerName.of("alice"), SONG));
    }
}
