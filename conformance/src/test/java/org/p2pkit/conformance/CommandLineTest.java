package org.p2pkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.faulty.Fault;
import org.p2pkit.conformance.faulty.SmallIndex;
import org.p2pkit.conformance.targets.EmbeddedTargets;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.model.ToolkitVersion;
import picocli.CommandLine;

/** The command line as a user or a CI job meets it: verdicts, exit statuses and one-line errors. */
class CommandLineTest {
    @TempDir
    Path tmp;

    /** One run of the command line, with what it printed. */
    record Run(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static synchronized Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = cli.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A setup error: status 2, one line, no stack trace, and no case ran. */
    private static void assertSetupError(Run run, String says) {
        assertEquals(2, run.status(), run.all());
        assertTrue(run.err().contains(says), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(run.all().contains("\tat ") || run.all().contains("Exception"), "no stack trace: " + run.all());
        assertFalse(run.out().contains("CONFORMANT"), "no verdict: " + run.out());
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aSelectionThatMatchesNoCaseIsAnErrorNotAVerdict() {
        assertSetupError(run("--include", "index/nope"), "no case selected");
        assertSetupError(run("--exclude", "index,peer"), "no case selected");
    }

    @Test
    void anEmptyExchangesFolderIsAnErrorNotAVerdict() {
        assertSetupError(run("--exchanges", tmp.toString()), "no case selected: " + tmp + " holds no exchange file");
    }

    @Test
    void aMissingExchangesFolderIsOneLine() {
        assertSetupError(run("--exchanges", tmp.resolve("nonexistent").toString()), "no such folder");
    }

    @Test
    void aPeerCommandThatCannotStartFailsTheRunAtOnceWithItsExitStatusAndOutput() {
        // --startup is long: only noticing the end of the process can make this quick
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("peer", "--command", "./no-such-peer --index {index}",
                "--workdir", tmp.toString(), "--startup", "600000"));
        assertSetupError(run, "exit status 127");
        assertTrue(run.err().contains("not found"), run.err());
    }

    @Test
    void aPeerThatStaysSilentFailsTheRunAfterTheStartupTime() {
        Run run = run("peer", "--command", "sleep 30", "--workdir", tmp.toString(), "--startup", "500");
        assertSetupError(run, "sent nothing to the index within 500 ms");
    }

    @Test
    void anIndexCommandThatEndsAtOnceFailsTheRunWithItsExitStatusAndOutput() throws Exception {
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("index", "--target", "127.0.0.1:" + freeUdpPort(),
                "--command", "echo cannot bind >&2; exit 3", "--evidence", tmp.toString(), "--startup", "600000"));
        assertSetupError(run, "exit status 3, last output: cannot bind");
    }

    @Test
    void anAddressWhereNothingAnswersIsSaidOnceBeforeAnyCase() throws Exception {
        int port = freeUdpPort();
        assertSetupError(run("index", "--target", "127.0.0.1:" + port, "--timeout", "200"), "nothing answers at 127.0.0.1:" + port);
    }

    @Test
    void aTargetThatIsNotHostAndPortIsOneLine() {
        assertSetupError(run("index", "--target", "localhost"), "'localhost' is not HOST:PORT");
        assertSetupError(run("index", "--target", "127.0.0.1:99999"), "port 99999 is not between 1 and 65535");
        assertSetupError(run("fuzz", "--target", "no-such-host.invalid:8886"), "unknown host");
    }

    @Test
    void exploreWithoutATargetExploresTheReferenceIndexAndSaysSo() {
        Run run = run("explore", "--seed", "3", "--steps", "300", "--out", tmp.resolve("e.yaml").toString());
        assertEquals(0, run.status(), run.all());
        assertTrue(run.out().contains("reference index (in-process)") && run.out().contains("no divergence in 300 steps (seed 3)"), run.out());
    }

    @Test
    void exploreWithoutASeedOrWithACommandButNoTargetIsOneLine() {
        assertSetupError(run("explore"), "--seed");
        assertSetupError(run("explore", "--seed", "1", "--command", "./my-index"), "missing --target HOST:PORT");
        assertSetupError(run("index"), "missing --target HOST:PORT");
    }

    @Test
    void aHostNameIsAcceptedAsTarget() throws Exception {
        try (IndexTarget index = EmbeddedTargets.referenceIndex()) {
            Run run = run("index", "--target", "localhost:" + index.address().getPort(), "--include", "index/search");
            assertEquals(0, run.status(), run.all());
            assertTrue(run.out().contains("CONFORMANT"), run.out());
        }
    }

    @Test
    void theProfileThatRanIsSaidWithWhy() throws Exception {
        try (IndexTarget index = EmbeddedTargets.referenceIndex()) {
            String target = "127.0.0.1:" + index.address().getPort();
            Run announced = run("index", "--target", target, "--include", "index/search,index/extended");
            assertEquals(0, announced.status(), announced.all());
            assertTrue(announced.out().contains("profile classic and extended, announced by the target"), announced.out());
            assertTrue(announced.out().contains("index/extended/stamp-kept"), announced.out());
            Run chosen = run("index", "--target", target, "--include", "index/search,index/extended", "--profile", "classic");
            assertTrue(chosen.out().contains("profile classic, chosen by --profile"), chosen.out());
            assertFalse(chosen.out().contains("index/extended/"), chosen.out());
        }
    }

    @Test
    void aClassicIndexGetsTheClassicCasesAndFailsTheExtendedOnesWhenAsked() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of(Fault.FORGETS_STAMP))) {
            String target = "127.0.0.1:" + index.address().getPort();
            Run announced = run("index", "--target", target, "--include", "index/search,index/extended");
            assertEquals(0, announced.status(), announced.all());
            assertTrue(announced.out().contains("profile classic, announced by the target"), announced.out());
            Run asked = run("index", "--target", target, "--include", "index/extended/stamp-kept", "--profile", "extended");
            assertEquals(1, asked.status(), asked.all());
        }
    }

    @Test
    void anUnknownProfileIsOneLine() {
        assertSetupError(run("--profile", "fancy", "--include", "index/search"), "--profile is classic, extended or all, not 'fancy'");
        assertSetupError(run("--profile", "extended", "--include", "index/search"), "--include, --exclude and --profile leave none");
    }

    @Test
    void aReportPathThatIsAFolderIsRefusedBeforeTheRun() {
        assertSetupError(run("--html", tmp.toString(), "--include", "index/search"), "--html " + tmp + " is a folder");
    }

    @Test
    void eachReportWrittenIsNamedWithItsPath() throws Exception {
        Path json = tmp.resolve("r/report.json");
        Path junit = tmp.resolve("report.xml");
        Path html = tmp.resolve("report.html");
        Run run = run("--include", "index/search", "--json", json.toString(), "--junit", junit.toString(), "--html", html.toString());
        assertEquals(0, run.status(), run.all());
        assertTrue(run.out().contains("JSON report: " + json), run.out());
        assertTrue(run.out().contains("JUnit report: " + junit), run.out());
        assertTrue(run.out().contains("HTML report: " + html), run.out());
        assertTrue(Files.readString(json).replace(" ", "").contains("\"version\":\"" + ToolkitVersion.get() + "\""), "the report's version is the toolkit's");
    }

    @Test
    void anOptionBeforeACommandAppliesToItOrIsRefused() throws Exception {
        assertSetupError(run("--exchanges", tmp.resolve("nonexistent").toString(), "list"), "no such folder");
        assertSetupError(run("--strict", "list"), "--strict does not apply to `list`");
        assertSetupError(run("--include", "index/search", "index", "--target", "localhost:1", "--include", "index/list"),
                "--include is given both before and after `index`");
        Files.copy(Path.of("../spec/exchanges/12-index-search.yaml"), tmp.resolve("12-index-search.yaml"));
        Run listed = run("--exchanges", tmp.toString(), "list");
        assertEquals(0, listed.status(), listed.all());
        assertTrue(listed.out().endsWith("\n5 cases\n"), listed.out());
    }

    @Test
    void theConsoleNumbersTheWholeRunAndSaysWhyACaseWasSkipped() {
        Run run = run("--include", "index/register,peer/serve/full-pieces,peer/serve/closes-after-end");
        assertEquals(0, run.status(), run.all());
        Matcher counter = Pattern.compile("\\[(\\d+)/(\\d+)]").matcher(run.out());
        int expected = 1;
        while (counter.find()) {
            assertEquals(expected++, Integer.parseInt(counter.group(1)), run.out());
            assertEquals("7", counter.group(2), run.out());
        }
        assertEquals(8, expected, run.out());
        List<String> lines = run.out().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("SKIPPED")) {
                assertTrue(lines.get(i + 1).contains("skipped: a SHOULD case; run with --strict"), run.out());
            }
        }
        assertTrue(run.out().contains("SKIPPED"), run.out());
    }

    @Test
    void versionIsTheToolkitsVersion() {
        Run run = run("--version");
        assertEquals(0, run.status());
        assertEquals("p2p-conformance " + ToolkitVersion.get(), run.out().strip());
    }

    @Test
    void everyCommandSummaryInTheHelpIsAWholeSentence() {
        Run run = run("--help");
        String commands = run.out().substring(run.out().indexOf("Commands:"), run.out().indexOf("Exit status:"));
        List<String> summaries = commands.lines().skip(1).filter(l -> !l.isBlank()).toList();
        StringBuilder joined = new StringBuilder();
        for (String line : summaries) {
            // a summary may wrap; an entry starts at the command column
            if (line.startsWith("  ") && !line.startsWith("   ") && joined.length() > 0) {
                assertTrue(joined.toString().strip().endsWith("."), "cut mid-sentence: " + joined);
                joined.setLength(0);
            }
            joined.append(line.strip()).append(' ');
        }
        assertTrue(joined.toString().strip().endsWith("."), "cut mid-sentence: " + joined);
    }
}
