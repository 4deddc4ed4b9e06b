package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Message;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchRequest;
import org.p2pkit.peer.cli.Main;

/** p2p-peer's command line: one-shot commands, their exit codes, the console by default, --help. */
class CommandLineTest {
    private static final ContentName SONG = ContentName.of("song");
    private static final long WAIT_SECONDS = 30; // only reached if the child process hangs

    @TempDir
    Path root;
    private FakeIndex index;
    private Peer alice;
    private Path carolFolder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        index = FakeIndex.start();
        Path aliceFolder = Files.createDirectories(root.resolve("alice"));
        TestFiles.write(aliceFolder, "song", TestFiles.lines(100));
        alice = Peer.start(PeerName.of("alice"), PeerOptions.defaults(index.address()).withFolder(aliceFolder).withHost("127.0.0.1"));
        carolFolder = Files.createDirectories(root.resolve("carol"));
    }

    @AfterEach
    void stop() throws IOException {
        alice.close();
        index.close();
    }

    @Test
    void getDownloadsRegistersLeavesAndExitsZero() throws Exception {
        alice.share(SONG);
        assertEquals(0, run("--name", "carol", "get", "song"), err.toString());
        assertArrayEquals(TestFiles.lines(100), Files.readAllBytes(carolFolder.resolve("song.txt")));
        List<Message> carols = index.requests(5).subList(1, 5);
        assertEquals(List.of(SearchRequest.class, Registration.class, PeerDeregistration.class, PeerDeregistration.class),
                carols.stream().map(Object::getClass).toList());
    }

    @Test
    void getEndsWithASummaryLineWhenTheOutputIsNotATerminal() throws Exception {
        alice.share(SONG);
        assertEquals(0, run("--name", "carol", "get", "song"), err.toString());
        String summary = "got song: " + TestFiles.lines(100).length + " bytes in \\d+\\.\\d\\d s \\(\\d+\\.\\d MB/s\\) from alice at 127\\.0\\.0\\.1:"
                + alice.address().port() + ", verified sha256 [0-9a-f]{64}" + System.lineSeparator();
        assertTrue(out.toString().matches(summary), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void versionIsTheToolkitsVersion() {
        assertEquals(0, run("--version"));
        assertEquals("p2p-peer " + org.p2pkit.model.ToolkitVersion.get(), out.toString().strip());
    }

    @Test
    void optionsAlsoWorkAfterTheCommand() throws Exception {
        alice.share(SONG);
        assertEquals(0, run("get", "song", "--name", "carol"), err.toString());
        assertTrue(Files.exists(carolFolder.resolve("song.txt")));
    }

    @Test
    void getKeepsADifferentFileOfTheSameNameUnlessForced() throws Exception {
        alice.share(SONG);
        Path mine = Files.writeString(carolFolder.resolve("song.txt"), "carol's own song\n");
        assertEquals(6, run("--name", "carol", "get", "song"));
        assertEquals("p2p-peer: 'song' exists and differs from alice's copy; " + mine.toRealPath() + " was kept "
                + "(use --force to replace it)" + System.lineSeparator(), err.toString());
        assertEquals("carol's own song\n", Files.readString(mine));
        assertEquals(List.of("song.txt"), TestFiles.names(carolFolder));
        assertTrue(index.registrations().stream().noneMatch(r -> r.peer().value().equals("carol")));

        err.reset();
        assertEquals(0, run("--name", "carol", "get", "--force", "song"), err.toString());
        assertArrayEquals(TestFiles.lines(100), Files.readAllBytes(mine));
        assertEquals(0, run("--name", "carol", "get", "song"), "an identical file is fine: " + err);
    }

    @Test
    void getExitsThreeWhenNoPeerHoldsTheContent() throws Exception {
        assertEquals(3, run("--name", "carol", "get", "song"));
        assertTrue(err.toString().contains("File not found!"), err.toString());
        assertEquals(List.of(), TestFiles.names(carolFolder));
    }

    @Test
    void getExitsFourWhenTheIndexDoesNotAnswer() throws Exception {
        index.silent();
        assertEquals(4, run("--name", "carol", "--timeout", "100", "--tries", "2", "get", "song"));
        assertTrue(err.toString().contains("no reply from the index at 127.0.0.1:" + index.address().getPort() + " after 2 tries"), err.toString());
    }

    @Test
    void getExitsOneWhenTheTransferFails() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        index.preload("ghost", "song", new PeerAddress("127.0.0.1", closedPort));
        assertEquals(1, run("--name", "carol", "get", "song"));
        assertTrue(err.toString().contains("cannot connect"), err.toString());
        assertEquals(List.of(), TestFiles.names(carolFolder));
        assertTrue(index.registrations().stream().noneMatch(r -> r.peer().value().equals("carol")));
    }

    @Test
    void aDownloadOverABoundExitsOneAndLeavesNothing() throws Exception {
        alice.share(SONG);
        assertEquals(1, run("--name", "carol", "--max-size", "1KiB", "get", "song"));
        // an extended holder announces the size: the download fails before any byte is written
        assertTrue(err.toString().contains("failed: the holder announced " + TestFiles.lines(100).length
                + " bytes, more than the maximum size of 1.0 KiB (SEC-14)"), err.toString());
        assertEquals(List.of(), TestFiles.names(carolFolder));
        assertTrue(index.registrations().stream().noneMatch(r -> r.peer().value().equals("carol")));
    }

    @Test
    void timesAndSizesWithoutAKnownUnitAreUsageErrors() throws Exception {
        assertEquals(2, run("--request-deadline", "5x", "get", "song"));
        assertEquals(2, run("--max-size", "4GB", "get", "song"));
        assertEquals(2, run("--transfer-timeout", "0", "get", "song"));
        assertEquals(2, run("--max-per-host", "0", "get", "song"));
        assertEquals(List.of(), index.requests());
        assertTrue(err.toString().contains("'4GB' is not a size such as 4096, 16KiB, 64MiB or 4GiB"), err.toString());
    }

    @Test
    void usageErrorsExitTwoAndSendNothing() throws Exception {
        assertEquals(2, run("--name", "carol_is_too_long", "get", "song"));
        assertEquals(2, run("--name", "carol", "get", "song_is_too_long"));
        assertEquals(2, run("--name", "carol", "get"));
        assertEquals(2, run("--bogus"));
        assertEquals(List.of(), index.requests());
        assertTrue(err.toString().contains("peer name 'carol_is_too_long' has 17 characters"), err.toString());
        assertTrue(err.toString().contains("Try 'p2p-peer --help'"), err.toString());
    }

    @Test
    void aMissingSharedFileExitsSix() throws Exception {
        assertEquals(6, run("--name", "carol", "--share", "nothing", "get", "song"));
        assertTrue(err.toString().contains("nothing.txt"), err.toString());
    }

    @Test
    void aShareFolderThatDoesNotExistExitsSixBeforeAnyPrompt() throws Exception {
        assertEquals(6, run(new ByteArrayInputStream("carol tune 5".getBytes(StandardCharsets.US_ASCII)),
                "--dir", root.resolve("missing").toString()));
        assertEquals("", out.toString());
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void listPrintsTheTable() throws Exception {
        alice.share(SONG);
        assertEquals(0, run("list"));
        assertTrue(out.toString().contains("alice      song"), out.toString());
    }

    @Test
    void searchPrintsTheHolder() throws Exception {
        alice.share(SONG);
        assertEquals(0, run("search", "song"));
        assertEquals("alice " + alice.address() + System.lineSeparator(), out.toString());
    }

    @Test
    void serveRegistersServesAndLeavesWhenStopped() throws Exception {
        Files.write(carolFolder.resolve("tune.txt"), TestFiles.lines(20));
        AtomicInteger status = new AtomicInteger(-1);
        Thread serving = new Thread(() -> status.set(run("--name", "carol", "--share", "tune", "serve")));
        serving.start();
        assertEquals(Registration.class, index.take().getClass());
        Path daveFolder = Files.createDirectories(root.resolve("dave"));
        try (Peer dave = Peer.start(PeerName.of("dave"), PeerOptions.defaults(index.address()).withFolder(daveFolder).withHost("127.0.0.1"))) {
            dave.download(ContentName.of("tune"), Progress.NONE);
        }
        assertArrayEquals(TestFiles.lines(20), Files.readAllBytes(daveFolder.resolve("tune.txt")));
        serving.interrupt();
        serving.join(Duration.ofSeconds(10).toMillis());
        assertEquals(0, status.get());
        assertTrue(out.toString().endsWith(Console.farewell(PeerName.of("carol")) + System.lineSeparator()), out.toString());
        // carol's R, dave's S, R, T, T, then carol's T, T
        assertEquals(new PeerDeregistration(PeerName.of("carol")), index.requests(7).get(6));
    }

    @ParameterizedTest(name = "{0} on SIG{1}")
    @CsvSource({"serve, TERM", "serve, INT", "console, INT"})
    void ctrlCOrSigtermDeregistersSaysSoAndExitsZero(String command, String signal) throws Exception {
        Files.write(carolFolder.resolve("tune.txt"), TestFiles.lines(20));
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--index", "127.0.0.1:" + index.address().getPort(), "--host", "127.0.0.1",
                "--dir", carolFolder.toString(), "--name", "carol", "--share", "tune"));
        if (command.equals("serve")) {
            args.add("serve");
        }
        Process process = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            String ready = command.equals("serve") ? "Peer carol serves at " : "Menu:";
            for (String line = ""; !line.startsWith(ready); ) {
                line = readLineWithin(stdout);
                assertNotNull(line, "the peer ended before '" + ready + "'");
            }
            assertEquals(Registration.class, index.take().getClass());
            Signals.send(signal, process);
            assertEquals(Console.farewell(PeerName.of("carol")), lastLineWithin(stdout));
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the peer stops");
            assertEquals(0, process.exitValue(), "a clean stop");
            assertEquals(new PeerDeregistration(PeerName.of("carol")), index.requests(2).get(1));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void withoutACommandItRunsTheClassicConsole() throws Exception {
        Files.write(carolFolder.resolve("tune.txt"), TestFiles.lines(20));
        assertEquals(0, run(new ByteArrayInputStream("carol tune 5".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(List.of(Registration.class, PeerDeregistration.class, PeerDeregistration.class),
                index.requests(3).stream().map(Object::getClass).toList());
    }

    @Test
    void helpExplainsCommandsAndExitCodes() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        for (String part : List.of("Usage: p2p-peer", "--index=HOST:PORT", "--recheck-interval=TIME", "forgot", "get", "list", "serve", "Exit codes:", "3  content not found")) {
            assertTrue(help.contains(part), "missing '" + part + "' in:\n" + help);
        }
        out.reset();
        assertEquals(0, run("get", "--help"));
        assertTrue(out.toString().contains("Usage: p2p-peer get"), out.toString());
        assertTrue(out.toString().contains("--force"), out.toString());
    }

    @Test
    void helpListsEachCommandWithAWholeSentenceAndExamplesOnOneLineEach() {
        assertEquals(0, run("--help"));
        List<String> lines = out.toString().lines().toList();
        List<String> commands = lines.subList(lines.indexOf("Commands:") + 1, lines.indexOf("Examples:") - 1);
        assertEquals(List.of("get", "list", "search", "serve", "help"), commands.stream().map(l -> l.trim().split(" ")[0]).toList());
        for (String line : commands) {
            assertTrue(line.endsWith("."), "cut or wrapped: '" + line + "'");
        }
        List<String> examples = lines.subList(lines.indexOf("Examples:") + 1, lines.indexOf("Exit codes:") - 1);
        for (String line : examples) {
            assertTrue(line.startsWith("  p2p-peer "), "wrapped: '" + line + "'");
        }
    }

    private int run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private static String readLineWithin(BufferedReader reader) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The last line before the end of the stream. */
    private static String lastLineWithin(BufferedReader reader) throws Exception {
        String last = null;
        for (String line; (line = readLineWithin(reader)) != null; ) {
            last = line;
        }
        return last;
    }

    private int run(ByteArrayInputStream stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--index", "127.0.0.1:" + index.address().getPort(), "--host", "127.0.0.1"));
        if (!List.of(args).contains("--dir")) {
            all.addAll(List.of("--dir", carolFolder.toString()));
        }
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new), stdin, new PrintStream(out, true), new PrintStream(err, true));
    }
}
