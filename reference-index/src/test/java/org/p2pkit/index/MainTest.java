package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2pkit.model.LogBounds;
import org.p2pkit.model.Registration;
import picocli.CommandLine;

/** The p2p-index command line. */
class MainTest {
    private static final Pattern READY = Pattern.compile("p2p-index listening on udp 127\\.0\\.0\\.1:(\\d+)");
    private static final long WAIT_SECONDS = 60; // only reached if the process hangs

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @AfterEach
    void restoreLogging() {
        // An in-process run configures java.util.logging for the command line, its own and the cluster member's; undo it.
        for (String name : List.of("org.p2pkit", "com.hazelcast")) {
            Logger logger = Logger.getLogger(name);
            for (Handler handler : logger.getHandlers()) {
                logger.removeHandler(handler);
            }
            logger.setUseParentHandlers(true);
            logger.setLevel(null);
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    @DisplayName("p2p-index --port 0 prints its ready line, answers a classic R, logs bad input, and on SIGTERM or "
            + "Ctrl-C (SIGINT) says what it held and exits 0")
    void startsAnswersAndStopsCleanlyOnASignal(String signal, @TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "0", "--bind", "127.0.0.1", "--threads", "1", "--in-memory")
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            String ready = readLineWithin(stdout);
            Matcher matcher = READY.matcher(ready == null ? "" : ready);
            assertTrue(matcher.matches(), () -> "ready line: " + ready);
            InetSocketAddress where = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(matcher.group(1)));
            try (UdpClient client = new UdpClient(where)) {
                assertPdu(IndexReplies.ACK, client.exchange(
                        new Registration(peer("alice"), content("song"), address("127.0.0.1", 40001))));
                client.assertNoReplyTo(new byte[] {'R'});
            }
            send(signal, process);
            assertEquals("p2p-index stopped: 1 peer, 1 registration forgotten", readLineWithin(stdout));
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the index stops");
            assertEquals(0, process.exitValue(), "a clean stop");
            List<String> lines = Files.readAllLines(stderr);
            assertEquals(1, lines.stream().filter(l -> l.contains(" INFO bad-input from=127.0.0.1:")).count(), lines::toString);
        } finally {
            process.destroyForcibly();
        }
    }

    /** SIGTERM as a service manager sends it; SIGINT as Ctrl-C does (Java sends only the former). */
    private static void send(String signal, Process process) throws Exception {
        if (signal.equals("TERM")) {
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
            return;
        }
        // A child inherits an ignored SIGINT (e.g. from a background job of a non-interactive shell)
        // and cannot catch it then; Linux shows the ignored signals in /proc.
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        assumeTrue(Files.isReadable(status), "needs /proc to see whether SIGINT reaches the child");
        String ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0");
        assumeTrue((Long.parseLong(ignored.substring(7).trim(), 16) & 0x2) == 0, "SIGINT is ignored in this environment");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT");
    }

    private static String readLineWithin(BufferedReader reader) throws Exception {
        return CompletableFuture.supplyAsync(() -> readLine(reader)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("--help explains every option")
    void helpExplainsEveryOption() {
        assertEquals(0, run("--help"));
        for (String option : List.of("--port", "--bind", "--max-peers", "--max-contents-per-peer", "--max-registrations",
                "--max-peers-per-host", "--max-registrations-per-host", "--trust-announced-addresses", "--probe-timeout",
                "--probe-interval", "--holder-check-interval", "--probes-per-search", "--probe-threads",
                "--max-pending-probes", "--max-pending-probes-per-host", "--max-replies-per-second-per-host",
                "--reply-burst-per-host", "--log-summary-interval", "--log-sources-per-kind", "--threads", "--log-level",
                "--data", "--in-memory", "kill -9",
                "--help", "--version", "Default: 8886", "Default: 500ms", "Default: 30s", "Ctrl-C")) {
            assertTrue(out.toString().contains(option), () -> option + " in\n" + out);
        }
    }

    @Test
    @DisplayName("without options the command runs the library's defaults: the reference values of spec section 8")
    void defaultsAreTheReferenceValues() {
        CommandLine command = Main.commandLine();
        command.parseArgs();
        Main main = command.getCommand();
        assertEquals(IndexOptions.defaults(), main.options());
    }

    @Test
    @DisplayName("every safeguard can be set on the command line")
    void safeguardsAreOptions() {
        CommandLine command = Main.commandLine();
        command.parseArgs("--trust-announced-addresses", "--probe-timeout", "2s", "--probe-interval", "1500ms",
                "--holder-check-interval", "60s", "--probes-per-search", "5", "--probe-threads", "2", "--max-pending-probes", "9",
                "--max-pending-probes-per-host", "3", "--max-peers-per-host", "7", "--max-registrations-per-host", "70",
                "--max-replies-per-second-per-host", "100", "--reply-burst-per-host", "200", "--log-summary-interval", "1s",
                "--log-sources-per-kind", "4");
        IndexOptions options = ((Main) command.getCommand()).options();
        assertTrue(options.trustAnnouncedAddresses());
        assertEquals(new Probing(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofSeconds(60), 5, 2, 9, 3),
                options.probing());
        assertEquals(7, options.limits().maxPeersPerHost());
        assertEquals(70, options.limits().maxRegistrationsPerHost());
        assertEquals(new ReplyRate(100, 200), options.replyRate());
        assertEquals(new LogBounds(Duration.ofSeconds(1), 4), options.logBounds());
    }

    @Test
    @DisplayName("--version prints the toolkit's version, the one every command prints")
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("p2p-index " + org.p2pkit.model.ToolkitVersion.get() + " "), out::toString);
    }

    @Test
    @DisplayName("a taken port is a clear error with exit status 1")
    void takenPortIsAClearError() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertEquals(1, run("--port", String.valueOf(taken.getLocalPort()), "--bind", "127.0.0.1", "--in-memory"));
            assertTrue(err.toString().startsWith("p2p-index: cannot listen on udp 127.0.0.1:" + taken.getLocalPort() + ": "),
                    err::toString);
        }
    }

    @Test
    @DisplayName("invalid options are a short error with exit status 2")
    void invalidOptionsExitWithTwo() {
        assertEquals(2, run("--max-peers", "0"));
        assertTrue(err.toString().contains("max peers must be at least 1"), err::toString);
        assertTrue(err.toString().contains("--help"), err::toString);
        assertEquals(2, run("--port", "70000"));
        assertEquals(2, run("--log-level", "loud"));
        assertEquals(2, run("--bind", "not an address"));
        assertEquals(2, run("extra"));
        assertEquals(2, run("--probe-timeout", "500"));
        assertTrue(err.toString().contains("'500' is not a time like 500ms or 10s"), err::toString);
        assertEquals(2, run("--probe-timeout", "0ms"));
        assertEquals(2, run("--max-replies-per-second-per-host", "0"));
        assertEquals(2, run("--in-memory", "--data", "somewhere"));
        assertTrue(err.toString().contains("--data and --in-memory exclude each other"), err::toString);
    }

    @Test
    @DisplayName("A cluster port that is taken stops the start with exit status 1 and a line naming it: no other port is tried")
    void aTakenClusterPortStopsTheStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(1, run("--port", "0", "--bind", "127.0.0.1", "--cluster-port", String.valueOf(port), "--log-level", "off"));
            assertTrue(err.toString().contains("p2p-index: cannot start the cluster member on tcp 127.0.0.1:" + port),
                    err::toString);
            assertEquals("", out.toString(), "nothing started");
        }
    }

    @Test
    @DisplayName("Cluster options that do not go together are refused with one line and exit status 2, before anything starts")
    void invalidClusterOptionsAreRefused() {
        assertEquals(2, run("--cluster-port", "5701", "--data", "somewhere"));
        assertTrue(err.toString().contains("--data and --cluster-port exclude each other"), err::toString);
        assertEquals(2, run("--join", "127.0.0.1:5701"));
        assertTrue(err.toString().contains("--join and --cluster-name need --cluster-port"), err::toString);
        assertEquals(2, run("--cluster-port", "5701", "--join", "127.0.0.1"));
        assertTrue(err.toString().contains("--join '127.0.0.1' is not HOST:PORT"), err::toString);
        assertEquals(2, run("--cluster-port", "0"));
        assertTrue(err.toString().contains("cluster port must be 1 to 65535"), err::toString);
        assertEquals("", out.toString(), "nothing started");
    }

    @Test
    @DisplayName("PERSIST-5: a data folder that cannot be used is a clear error naming the file, with exit status 1")
    void unusableDataIsAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RegistryStore.FILE_NAME);
        Files.write(file, "not a registry, and not to be overwritten".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, run("--port", "0", "--bind", "127.0.0.1", "--data", dir.toString()));
        assertTrue(err.toString().startsWith("p2p-index: cannot use the registry's data: " + file + ": "), err::toString);
        assertEquals("not a registry, and not to be overwritten", Files.readString(file));
    }

    @Test
    @DisplayName("the default data folder follows the XDG rule and is per port")
    void defaultDataFolderIsPerPort() {
        Path folder = Main.defaultDataFolder(8886);
        assertEquals(Path.of("p2pkit", "index-8886"), folder.subpath(folder.getNameCount() - 2, folder.getNameCount()));
    }
}
