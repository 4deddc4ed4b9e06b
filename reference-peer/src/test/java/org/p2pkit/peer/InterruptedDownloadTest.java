package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;
import org.p2pkit.peer.TransferFailedException.Cause;
import org.p2pkit.peer.cli.Main;

/**
 * A download stopped in the middle leaves no partial file (SEC-15): SIGTERM and SIGINT remove it,
 * and what {@code kill -9} leaves the next start removes. The command line runs in a child JVM,
 * downloading from a holder that never ends.
 */
class InterruptedDownloadTest {
    private static final ContentName SONG = ContentName.of("song");
    private static final long WAIT_SECONDS = 30; // only reached if something hangs

    @TempDir
    Path carolFolder;
    private FakeIndex index;
    private EndlessHolder holder;

    @BeforeEach
    void start() throws IOException {
        index = FakeIndex.start();
        holder = new EndlessHolder(101, Duration.ofMillis(20)); // about 5 KB/s, never F
        index.preload("alice", "song", holder.address());
    }

    @AfterEach
    void stop() throws IOException {
        holder.close();
        index.close();
    }

    @Test
    void whatKillDashNineLeavesTheNextStartRemoves() throws Exception {
        Process child = commandLine("get", "song").start();
        Path partial;
        try {
            partial = partialOf(child);
            child.destroyForcibly(); // SIGKILL: nothing runs in the child
            assertTrue(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(Files.exists(partial), "kill -9 leaves " + partial);
        Peer.start(PeerName.of("carol"), options()).close(); // the next run
        assertEquals(List.of(), TestFiles.names(carolFolder), "its start removed what the killed run left");
    }

    @ParameterizedTest(name = "{0} on SIG{1}")
    @CsvSource({"get, TERM, 143", "get, INT, 130", "console, TERM, 0", "console, INT, 0"})
    void aStopBySignalInTheMiddleOfADownloadRemovesItsPartialFile(String command, String signal, int status) throws Exception {
        Process child = (command.equals("get") ? commandLine("get", "song") : commandLine()).start();
        try {
            if (command.equals("console")) {
                OutputStream keys = child.getOutputStream();
                keys.write("2 song\n".getBytes(StandardCharsets.US_ASCII)); // and the input stays open
                keys.flush();
            }
            Path partial = partialOf(child);
            Signals.send(signal, child);
            assertTrue(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the peer stops");
            assertEquals(status, child.exitValue());
            assertFalse(Files.exists(partial));
            assertEquals(List.of(), TestFiles.names(carolFolder));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aPeerThatLeavesInTheMiddleOfADownloadStopsItAndRemovesItsPartialFile() throws Exception {
        try (Peer carol = Peer.start(PeerName.of("carol"), options())) {
            CompletableFuture<DownloadResult> download = CompletableFuture.supplyAsync(() -> {
                try {
                    return carol.download(SONG, Progress.NONE);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Path partial = partialOf(ProcessHandle.current().pid());
            carol.leave();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> download.get(WAIT_SECONDS, TimeUnit.SECONDS));
            TransferFailedException failure = (TransferFailedException) e.getCause().getCause();
            assertEquals(Cause.STOPPED, failure.failure(), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("failed: stopped, its partial file removed (SEC-15)"), failure.getMessage());
            assertFalse(Files.exists(partial));
            assertEquals(List.of(), TestFiles.names(carolFolder));
        }
    }

    @Test
    void aStopRemovesThePartialFileAtOnceEvenWhileTheDownloadingThreadIsBusy() throws Exception {
        try (EndlessHolder fast = new EndlessHolder(60 * 1024, Duration.ZERO)) {
            Downloader downloader = new Downloader(Downloader.Options.DEFAULT, Profile.CLASSIC);
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Progress stuck = new Progress() { // as a thread blocked on a slow disk would be
                @Override
                public void update(long bytes) {
                    busy.countDown();
                    try {
                        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void finish(long bytes, boolean complete) {
                }
            };
            CompletableFuture<Fetched> download = CompletableFuture.supplyAsync(() -> {
                try {
                    return downloader.fetch(new SearchHit(PeerName.of("alice"), fast.address()), SONG, carolFolder.resolve("song.txt"),
                            false, stuck);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(busy.await(WAIT_SECONDS, TimeUnit.SECONDS));
            Path partial = partialOf(ProcessHandle.current().pid());
            downloader.stop();
            assertFalse(Files.exists(partial), "removed by the stop itself, not by the busy thread");
            release.countDown();
            ExecutionException e = assertThrows(ExecutionException.class, () -> download.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(Cause.STOPPED, ((TransferFailedException) e.getCause().getCause()).failure());
            assertEquals(List.of(), TestFiles.names(carolFolder));
        }
    }

    private PeerOptions options() {
        return PeerOptions.defaults(index.address()).withFolder(carolFolder).withHost("127.0.0.1");
    }

    /** p2p-peer as carol in her folder, in a child JVM; its output is not needed. */
    private ProcessBuilder commandLine(String... command) {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--index", "127.0.0.1:" + index.address().getPort(), "--host", "127.0.0.1",
                "--dir", carolFolder.toString(), "--name", "carol"));
        args.addAll(List.of(command));
        return new ProcessBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    private Path partialOf(Process child) throws Exception {
        return partialOf(child.pid());
    }

    /** The partial file that process {@code pid} writes in carol's folder, once it is there. */
    private Path partialOf(long pid) throws Exception {
        String prefix = ".song.txt." + pid + ".";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() - deadline < 0) {
            try (Stream<Path> files = Files.list(carolFolder)) {
                List<Path> partials = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
                if (!partials.isEmpty()) {
                    return partials.get(0);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no partial file of process " + pid + " in " + TestFiles.names(carolFolder));
    }
}
