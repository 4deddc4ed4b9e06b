package org.p2pkit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The conformance suite's command line. */
@Command(name = "p2p-conformance", mixinStandardHelpOptions = true, version = "p2p-conformance 0.1.0",
        description = {
            "Checks an index server or a peer of the classic P2P protocol against the scripted exchanges of spec/exchanges.",
            "With no command, it checks the reference implementations, started in-process."},
        subcommands = {Main.IndexCommand.class, Main.PeerCommand.class, Main.FuzzCommand.class, Main.ListCommand.class, Main.RequirementsCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every MUST case passed", "1:a MUST case failed or could not run", "2:usage or setup error"})
public final class Main implements Callable<Integer> {
    @Mixin
    RunOptions options;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for embedding the suite (exit status from execute). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setAllowSubcommandsAsOptionParameters(true) // --include peer selects the peer cases
                .setExitCodeExceptionMapper(e -> 2)
                .setExecutionExceptionHandler((e, cli, parsed) -> {
                    if (e instanceof SetupException) {
                        cli.getErr().println("p2p-conformance: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
    }

    /** The target cannot be set up as asked: said in one line, exit status 2, no usage text. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path workdir = Files.createTempDirectory("p2p-conformance-");
        try (IndexTarget index = EmbeddedTargets.referenceIndex()) {
            PeerTarget peer = new EmbeddedPeerTarget();
            return options.report("reference index and reference peer, in-process", EnumSet.allOf(TargetKind.class), (cases, selection, listener) -> {
                List<Verdict> verdicts = new ArrayList<>(new IndexSuite(index, options.timeoutMillis).run(cases, selection, listener));
                verdicts.addAll(new PeerSuite(peer, ConsoleDriver.CLASSIC, "{content}.txt", 0, options.timeoutMillis, workdir, 10_000)
                        .run(cases, selection, new Offset(listener, verdicts.size())));
                return verdicts;
            });
        }
    }

    /** Numbers the second suite's progress after the first's. */
    private record Offset(SuiteListener listener, int before) implements SuiteListener {
        @Override
        public void finished(Verdict verdict, int done, int total) {
            listener.finished(verdict, before + done, before + total);
        }
    }

    /** Options every run shares. */
    static final class RunOptions {
        @Option(names = "--include", split = ",", paramLabel = "ID", description = "Run only these cases or groups (id or id prefix, e.g. index/search).")
        List<String> include = new ArrayList<>();

        @Option(names = "--exclude", split = ",", paramLabel = "ID", description = "Leave out these cases or groups.")
        List<String> exclude = new ArrayList<>();

        @Option(names = "--strict", description = "Also run the SHOULD cases; one not met is reported as non-strict.")
        boolean strict;

        @Option(names = "--timeout", defaultValue = "1000", paramLabel = "MS", description = "How long to wait for each reply (default: ${DEFAULT-VALUE} ms).")
        int timeoutMillis;

        @Option(names = "--exchanges", paramLabel = "DIR", description = "Read the cases from this folder instead of the built-in spec/exchanges.")
        Path exchanges;

        @Option(names = {"-v", "--verbose"}, description = "Show the wire log of every case that did not pass.")
        boolean verbose;

        @Option(names = "--color", negatable = true, description = "Colour the console report (default: on a terminal).")
        Boolean colour;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
        Path json;

        @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML, for CI.")
        Path junit;

        @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML report: per case the requirement, the verdict and the wire log.")
        Path html;

        int run(IndexTarget target) throws IOException {
            return report(target.describe(), EnumSet.of(TargetKind.INDEX),
                    (cases, selection, console) -> new IndexSuite(target, timeoutMillis).run(cases, selection, console));
        }

        int runPeers(PeerTarget target, ConsoleDriver driver, String filePattern, int indexPort, Path workdir, int startupMillis) throws IOException {
            return report(target.describe(), EnumSet.of(TargetKind.PEER), (cases, selection, console) ->
                    new PeerSuite(target, driver, filePattern, indexPort, timeoutMillis, workdir, startupMillis).run(cases, selection, console));
        }

        int report(String target, Set<TargetKind> kinds, Suite suite) throws IOException {
            List<ConformanceCase> cases = exchanges == null ? ExchangeLoader.builtIn() : ExchangeLoader.fromDirectory(exchanges);
            Selection selection = new Selection(include, exclude, strict);
            PrintStream out = System.out;
            ConsoleReport console = new ConsoleReport(out, colour != null ? colour : System.console() != null && !"dumb".equals(System.getenv("TERM")), verbose);
            long start = System.nanoTime();
            Instant started = Instant.now();
            console.header(target, (int) cases.stream().filter(c -> kinds.contains(c.target()) && selection.selects(c)).count());
            List<Verdict> verdicts = suite.run(cases, selection, console);
            RunSummary run = new RunSummary(target, started, (System.nanoTime() - start) / 1_000_000, verdicts);
            console.summary(verdicts, run.durationMillis());
            if (json != null) {
                JsonReport.write(run, json);
            }
            if (junit != null) {
                JUnitXmlReport.write(run, junit);
            }
            if (html != null) {
                HtmlReport.write(run, html);
            }
            return run.conformant() ? 0 : 1;
        }

        interface Suite {
            List<Verdict> run(List<ConformanceCase> cases, Selection selection, SuiteListener listener);
        }
    }

    /** How the index under test is given: an address, and optionally the command that starts it. */
    static final class IndexTargetOptions {
        @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The UDP address of the index (with --command: where it will listen).")
        String target;

        @Option(names = "--command", paramLabel = "CMD", description = "Start the index with this shell command, afresh for each group of cases, and restart it when it crashes or hangs.")
        String command;

        @Option(names = "--evidence", defaultValue = "target/conformance-evidence", paramLabel = "DIR", description = "With --command or --image: where each run's working folder and output go (default: ${DEFAULT-VALUE}).")
        Path evidence;

        @Option(names = "--image", paramLabel = "IMAGE",
                description = "Run the index from this container image (on the host's network, listening at --target), afresh for each group of cases. Needs Docker; the image must be on the machine.")
        String image;

        @Option(names = "--startup", defaultValue = "10000", paramLabel = "MS", description = "With --command or --image: how long the index may take to answer (default: ${DEFAULT-VALUE} ms).")
        int startupMillis;

        IndexTarget open() throws IOException, SetupException {
            InetSocketAddress address = hostPort(target);
            if (image != null) {
                if (command != null) {
                    throw new SetupException("give --command or --image, not both");
                }
                String why = ContainerIndexTarget.unavailable().orElse(null);
                if (why != null) {
                    throw new SetupException("cannot run the image " + image + ": " + why);
                }
                return new ContainerIndexTarget(image, address, evidence, startupMillis);
            }
            if (command == null) {
                return IndexTarget.at(address);
            }
            Files.createDirectories(evidence);
            CommandIndexTarget started = new CommandIndexTarget(command, address, evidence, startupMillis);
            if (!started.restart()) {
                started.close();
                throw new SetupException("the index started by `" + command + "` did not answer on "
                        + target + " within " + startupMillis + " ms" + started.ended().map(e -> " (" + e + ")").orElse("")
                        + "; its output is under " + evidence);
            }
            return started;
        }
    }

    @Command(name = "index", mixinStandardHelpOptions = true,
            description = "Check an index server: one already running at --target, or one the harness starts with --command.")
    static final class IndexCommand implements Callable<Integer> {
        @Mixin
        IndexTargetOptions target;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws Exception {
            try (IndexTarget index = target.open()) {
                return options.run(index);
            }
        }
    }

    @Command(name = "fuzz", mixinStandardHelpOptions = true,
            description = {"Send many random and mutated datagrams to an index, reproducibly from a seed, checking that every reply is a whole PDU and that it keeps answering;",
                "then run the index cases to check it still behaves correctly."})
    static final class FuzzCommand implements Callable<Integer> {
        @Mixin
        IndexTargetOptions target;

        @Option(names = "--seed", paramLabel = "N", description = "The seed of the input sequence (default: a random one, printed).")
        Long seed;

        @Option(names = "--count", defaultValue = "2000", paramLabel = "N", description = "How many inputs to send (default: ${DEFAULT-VALUE}).")
        int count;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws Exception {
            long chosen = seed != null ? seed : new java.util.Random().nextLong();
            try (IndexTarget index = target.open()) {
                System.out.println("p2p fuzz: " + index.describe() + ", " + count + " inputs, seed " + chosen);
                IndexFuzzer.Result result = new IndexFuzzer(index, options.timeoutMillis).run(chosen, count);
                result.findings().forEach(f -> System.out.println("FINDING " + f));
                System.out.println(result.sent() + " inputs sent; " + (result.survived() ? "no findings" : result.findings().size() + " findings")
                        + "; replay with --seed " + chosen + " --count " + result.sent());
                if (!result.survived() && !index.restart()) {
                    return 1;
                }
                int suite = options.run(index);
                return result.survived() ? suite : 1;
            }
        }
    }

    @Command(name = "peer", mixinStandardHelpOptions = true,
            description = {"Check a peer: the harness starts it with --command for each case in a fresh folder, plays the index,",
                "the downloaders and the holders, and drives it through its console (standard input)."})
    static final class PeerCommand implements Callable<Integer> {
        @Option(names = "--command", required = true, paramLabel = "CMD",
                description = "The shell command that starts the peer; {index}, {index_host} and {index_port} name the harness index.")
        String command;

        @Option(names = "--workdir", defaultValue = "target/conformance-peer", paramLabel = "DIR",
                description = "Where each case's working folder and the peer's output go (default: ${DEFAULT-VALUE}).")
        Path workdir;

        @Option(names = "--index-port", defaultValue = "0", paramLabel = "PORT",
                description = "The UDP port of the harness index; 8886 for a peer with the classic address built in (default: a free port).")
        int indexPort;

        @Option(names = "--file-pattern", defaultValue = "{content}.txt", paramLabel = "PATTERN",
                description = "The file of a content in the peer's folder (default: ${DEFAULT-VALUE}, as the original peer).")
        String filePattern;

        @Option(names = "--driver", paramLabel = "FILE",
                description = "A properties file with what to type for start, register, download, deregister, list and leave (default: the original console: name, content, menu 1-5).")
        Path driver;

        @Option(names = "--startup", defaultValue = "10000", paramLabel = "MS",
                description = "How long the peer may take from its start to its first registration (default: ${DEFAULT-VALUE} ms).")
        int startupMillis;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws Exception {
            ConsoleDriver console = driver == null ? ConsoleDriver.CLASSIC : ConsoleDriver.read(driver);
            Files.createDirectories(workdir);
            return options.runPeers(new CommandPeerTarget(command), console, filePattern, indexPort, workdir, startupMillis);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cases without running them.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = "--exchanges", paramLabel = "DIR", description = "Read the cases from this folder instead of the built-in spec/exchanges.")
        Path exchanges;

        @Override
        public Integer call() throws Exception {
            List<ConformanceCase> cases = exchanges == null ? ExchangeLoader.builtIn() : ExchangeLoader.fromDirectory(exchanges);
            for (ConformanceCase c : cases) {
                System.out.printf("%-6s %-6s %-42s %s  [%s]%n", c.target().name().toLowerCase(), c.level(), c.id(), c.title(),
                        String.join(", ", c.requirements().stream().map(Requirement::id).toList()));
            }
            System.out.println(cases.size() + " cases");
            return 0;
        }
    }

    @Command(name = "requirements", mixinStandardHelpOptions = true,
            description = "Print the traceability matrix: each requirement of spec/PROTOCOL.md, the cases that check it, or why none can.")
    static final class RequirementsCommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            List<Traceability.Row> rows = Traceability.builtIn(ExchangeLoader.builtIn());
            for (Traceability.Row row : rows) {
                String covered = !row.cases().isEmpty() ? String.join(", ", row.cases())
                        : row.untestable() != null ? "untestable: " + row.untestable() : "NOT COVERED";
                System.out.printf("%-13s %-10s %s%n", row.id(), row.level(), covered);
            }
            long checked = rows.stream().filter(r -> !r.cases().isEmpty()).count();
            long untestable = rows.stream().filter(r -> r.cases().isEmpty() && r.untestable() != null).count();
            long missing = rows.stream().filter(r -> !r.covered()).count();
            System.out.printf("%d requirements: %d checked by cases, %d untestable with a reason, %d not covered%n", rows.size(), checked, untestable, missing);
            return missing == 0 ? 0 : 1;
        }
    }

    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not HOST:PORT");
        }
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not HOST:PORT: " + e.getMessage());
        }
    }
}
