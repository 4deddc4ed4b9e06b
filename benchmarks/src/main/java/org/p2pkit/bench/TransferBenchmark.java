package org.p2pkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.p2pkit.index.IndexOptions;
import org.p2pkit.index.IndexServer;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerName;
import org.p2pkit.peer.Peer;
import org.p2pkit.peer.PeerOptions;
import org.p2pkit.peer.Profile;
import org.p2pkit.peer.Progress;

/**
 * One whole download between two reference peers over loopback, over the extended transfer
 * (search, D, H, raw bytes hashed on arrival, the file checked and moved into place) and over the
 * classic one (D, C pieces, F), beside a plain Java socket copy of the same file into a file in
 * large blocks: the most this machine does. All write the bytes to disk and delete them after.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransferBenchmark {
    private static final ContentName CONTENT = ContentName.of("bench");
    /** The raw copy moves 1 MiB per read and write, at least as much as the peers do (256 KiB reads, 1 MiB writes). */
    private static final int BLOCK = 1024 * 1024;

    @Param({"1", "16", "256"})
    public int mebibytes;

    private Path root;
    private Path source;
    private Path downloaded;
    private Path copied;
    private IndexServer index;
    private Peer alice;
    private Peer bob;
    private Peer carol;
    private Path carolDownloaded;
    private ServerSocket rawServer;
    private Thread rawThread;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        root = Files.createTempDirectory("p2p-bench-");
        Path aliceDir = Files.createDirectories(root.resolve("alice"));
        Path bobDir = Files.createDirectories(root.resolve("bob"));
        source = aliceDir.resolve("bench.txt");
        writeText(source, mebibytes * 1024L * 1024L);
        downloaded = bobDir.resolve("bench.txt");
        copied = root.resolve("copied.txt");

        index = IndexServer.start(IndexOptions.ephemeralLoopback());
        alice = Peer.start(PeerName.of("alice"), PeerOptions.defaults(index.address()).withFolder(aliceDir).withHost("127.0.0.1"));
        alice.share(CONTENT);
        bob = Peer.start(PeerName.of("bob"), PeerOptions.defaults(index.address()).withFolder(bobDir).withHost("127.0.0.1"));
        Path carolDir = Files.createDirectories(root.resolve("carol"));
        carolDownloaded = carolDir.resolve("bench.txt");
        carol = Peer.start(PeerName.of("carol"), PeerOptions.defaults(index.address()).withFolder(carolDir).withHost("127.0.0.1")
                .withProfile(Profile.CLASSIC));

        rawServer = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        rawThread = new Thread(this::serveRaw, "raw-copy-server");
        rawThread.setDaemon(true);
        rawThread.start();
    }

    /** Text lines, never a NUL: classic transfer carries text (XFER-6). */
    private static void writeText(Path file, long size) throws IOException {
        byte[] line = "0123456789 the quick brown fox jumps over the lazy dog 0123456789\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            while (written < size) {
                int n = (int) Math.min(line.length, size - written);
                out.write(line, 0, n);
                written += n;
            }
        }
    }

    private void serveRaw() {
        while (!rawServer.isClosed()) {
            try (Socket socket = rawServer.accept(); InputStream in = Files.newInputStream(source)) {
                copy(in, socket.getOutputStream());
            } catch (IOException e) {
                // the next connection, or the end of the trial
            }
        }
    }

    /** The extended transfer (spec section 11): bob asks with a resume point, alice answers H and raw bytes. */
    @Benchmark
    public long peerDownloadExtended() throws Exception {
        return downloadAndForget(bob, downloaded);
    }

    /** The classic transfer (spec section 6): carol speaks classic only, so alice sends C pieces. */
    @Benchmark
    public long peerDownloadClassic() throws Exception {
        return downloadAndForget(carol, carolDownloaded);
    }

    private static long downloadAndForget(Peer downloader, Path file) throws Exception {
        downloader.download(CONTENT, Progress.NONE);
        long size = Files.size(file);
        downloader.unshare(CONTENT); // so that the index keeps naming alice
        Files.delete(file);
        return size;
    }

    /** Baseline: the same bytes from a file through a loopback socket into a file, with no protocol. */
    @Benchmark
    public long rawSocketCopy() throws IOException {
        long size;
        try (Socket socket = new Socket(rawServer.getInetAddress(), rawServer.getLocalPort());
             OutputStream out = Files.newOutputStream(copied)) {
            size = copy(socket.getInputStream(), out);
        }
        Files.delete(copied);
        return size;
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] block = new byte[BLOCK];
        long total = 0;
        for (int n; (n = in.readNBytes(block, 0, BLOCK)) > 0; ) {
            out.write(block, 0, n);
            total += n;
        }
        return total;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        rawServer.close();
        carol.close();
        bob.close();
        alice.close();
        index.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
