package org.p2pkit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        subcommands = {Main.IndexCommand.class, Main.ListCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every MUST case passed", "1:a MUST case failed or could not run", "2:usage or setup error"})
public final class Main implements Callable<Integer> {
    @Mixin
    RunOptions options;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExitCodeExceptionMapper(e -> 2);
    }

    @Override
    public Integer call() throws Exception {
        try (IndexTarget target = EmbeddedTargets.referenceIndex()) {
            return options.run(target);
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

        int run(IndexTarget target) throws IOException {
            List<ConformanceCase> cases = exchanges == null ? ExchangeLoader.builtIn() : ExchangeLoader.fromDirectory(exchanges);
            Selection selection = new Selection(include, exclude, strict);
            PrintStream out = System.out;
            ConsoleReport console = new ConsoleReport(out, colour != null ? colour : System.console() != null && !"dumb".equals(System.getenv("TERM")), verbose);
            long start = System.nanoTime();
            console.header(target.describe(), (int) cases.stream().filter(c -> c.target() == TargetKind.INDEX && selection.selects(c)).count());
            List<Verdict> verdicts = new IndexSuite(target, timeoutMillis).run(cases, selection, console);
            console.summary(verdicts, (System.nanoTime() - start) / 1_000_000);
            return ConsoleReport.passed(verdicts) ? 0 : 1;
        }
    }

    @Command(name = "index", mixinStandardHelpOptions = true,
            description = "Check an index server: one already running at --target, or one the harness starts with --command.")
    static final class IndexCommand implements Callable<Integer> {
        @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The UDP address of the index (with --command: where it will listen).")
        String target;

        @Option(names = "--command", paramLabel = "CMD", description = "Start the index with this shell command, afresh for each group of cases, and restart it when it crashes or hangs.")
        String command;

        @Option(names = "--evidence", defaultValue = "target/conformance-evidence", paramLabel = "DIR", description = "With --command: where each run's working folder and output go (default: ${DEFAULT-VALUE}).")
        Path evidence;

        @Option(names = "--startup", defaultValue = "10000", paramLabel = "MS", description = "With --command: how long the index may take to answer (default: ${DEFAULT-VALUE} ms).")
        int startupMillis;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws Exception {
            InetSocketAddress address = hostPort(target);
            if (command == null) {
                return options.run(IndexTarget.at(address));
            }
            Files.createDirectories(evidence);
            try (IndexTarget started = new CommandIndexTarget(command, address, evidence, startupMillis)) {
                return options.run(started);
            }
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
