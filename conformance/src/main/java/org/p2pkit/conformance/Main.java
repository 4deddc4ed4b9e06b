package org.p2pkit.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Requirement;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.cases.Traceability;
import org.p2pkit.conformance.fuzz.IndexFuzzer;
import org.p2pkit.conformance.roles.ConsoleDriver;
import org.p2pkit.conformance.run.AnnouncedProfile;
import org.p2pkit.conformance.run.IndexSuite;
import org.p2pkit.conformance.run.PeerStartCheck;
import org.p2pkit.conformance.run.PeerSuite;
import org.p2pkit.conformance.run.ProfileChoice;
import org.p2pkit.conformance.run.Verdict;
import org.p2pkit.conformance.targets.CommandPeerTarget;
import org.p2pkit.conformance.targets.EmbeddedPeerTarget;
import org.p2pkit.conformance.targets.EmbeddedTargets;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.conformance.targets.PeerTarget;
import org.p2pkit.model.ToolkitVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The conformance suite's command line. */
@Command(name = "p2p-conformance", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "Checks an index server or a peer of the classic P2P protocol against the scripted exchanges of spec/exchanges.",
            "With no command, it checks the reference implementations, started in-process."},
        subcommands = {Main.IndexCommand.class, Main.PeerCommand.class, Main.FuzzCommand.class, ExploreCommand.class, Main.ListCommand.class, Main.RequirementsCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every MUST case passed", "1:a MUST case failed or could not run", "2:usage or setup error; no case ran"})
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
                .setExecutionStrategy(parsed -> {
                    OptionsBeforeCommand.carry(parsed);
                    return new CommandLine.RunLast().execute(parsed);
                })
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine cli = e.getCommandLine();
                    cli.getErr().println("p2p-conformance: " + e.getMessage() + " (see " + cli.getCommandSpec().qualifiedName() + " --help)");
                    return 2;
                })
                .setExecutionExceptionHandler((e, cli, parsed) -> {
                    if (e instanceof SetupException) {
                        cli.getErr().println("p2p-conformance: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
    }

    /** The toolkit's version, the same in every command and report. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"p2p-conformance " + ToolkitVersion.get()};
        }
    }

    @Override
    public Integer call() throws Exception {
        RunOptions.Plan plan = options.plan(EnumSet.allOf(TargetKind.class));
        Path workdir = Files.createTempDirectory("p2p-conformance-");
        try (IndexTarget index = EmbeddedTargets.referenceIndex()) {
            PeerTarget peer = new EmbeddedPeerTarget();
            ProfileChoice indexProfiles = plan.profiles(() -> AnnouncedProfile.index(index.address(), options.timeoutMillis));
            ProfileChoice peerProfiles = plan.profiles(() -> AnnouncedProfile.peer(peer, workdir, 10_000));
            String target = "reference index (" + indexProfiles.describe() + ") and reference peer (" + peerProfiles.describe() + "), in-process";
            int selected = plan.selected(TargetKind.INDEX, indexProfiles) + plan.selected(TargetKind.PEER, peerProfiles);
            return options.report(plan, target, selected, (cases, selection, listener) -> {
                List<Verdict> verdicts = new ArrayList<>(new IndexSuite(index, options.timeoutMillis)
                        .run(cases, selection.only(indexProfiles.profiles()), listener));
                verdicts.addAll(new PeerSuite(peer, ConsoleDriver.CLASSIC, "{content}.txt", 0, options.timeoutMillis, workdir, 10_000)
                        .run(cases, selection.only(peerProfiles.profiles()), listener));
                return verdicts;
            });
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
            RunOptions.Plan plan = options.plan(EnumSet.of(TargetKind.INDEX));
            try (IndexTarget index = target.open(options.timeoutMillis)) {
                return IndexRun.report(options, plan, index);
            }
        }
    }

    @Command(name = "fuzz", mixinStandardHelpOptions = true,
            description = {"Send random and mutated datagrams to an index, reproducibly from a seed, then run the index cases.",
                "Every reply must be a whole PDU and the index must keep answering. What the inputs registered is removed at the end."})
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
            RunOptions.Plan plan = options.plan(EnumSet.of(TargetKind.INDEX));
            long chosen = seed != null ? seed : new java.util.Random().nextLong();
            try (IndexTarget index = target.open(options.timeoutMillis)) {
                System.out.println("p2p fuzz: " + index.describe() + ", " + count + " inputs, seed " + chosen);
                IndexFuzzer.Result result = new IndexFuzzer(index, options.timeoutMillis).run(chosen, count);
                result.findings().forEach(f -> System.out.println("FINDING " + f));
                System.out.println(result.sent() + " inputs sent; " + (result.survived() ? "no findings" : result.findings().size() + " findings")
                        + "; replay with --seed " + chosen + " --count " + result.sent());
                System.out.println(result.cleanup());
                if (!result.survived() && !index.restart()) {
                    return 1;
                }
                int suite = IndexRun.report(options, plan, index);
                return result.survived() ? suite : 1;
            }
        }
    }

    @Command(name = "peer", mixinStandardHelpOptions = true,
            description = {"Check a peer: the harness starts it with --command for each case in a fresh folder.",
                "It plays the index, the downloaders and the holders, and drives the peer through its console (standard input)."})
    static final class PeerCommand implements Callable<Integer> {
        @Option(names = "--command", required = true, paramLabel = "CMD",
                description = "The shell command that starts the peer; {index}, {index_host} and {index_port} name the harness index; "
                        + "{recheck_ms} and {recheck_s} the re-check interval a case asks for (PEER-RECHECK-1), 0 in the others.")
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
            RunOptions.Plan plan = options.plan(EnumSet.of(TargetKind.PEER));
            ConsoleDriver console = consoleDriver();
            Files.createDirectories(workdir);
            CommandPeerTarget target = new CommandPeerTarget(command);
            PeerStartCheck.Result start = PeerStartCheck.run(target, console, filePattern, indexPort, workdir, startupMillis);
            if (start.problem().isPresent()) {
                throw new SetupException(start.problem().get());
            }
            ProfileChoice profiles = plan.profiles(() -> AnnouncedProfile.peer(start.firstRequest()));
            return options.report(plan, target.describe() + ", " + profiles.describe(), plan.selected(TargetKind.PEER, profiles),
                    (cases, selection, listener) -> new PeerSuite(target, console, filePattern, indexPort, options.timeoutMillis, workdir,
                            startupMillis).run(cases, selection.only(profiles.profiles()), listener));
        }

        private ConsoleDriver consoleDriver() throws SetupException {
            if (driver == null) {
                return ConsoleDriver.CLASSIC;
            }
            try {
                return ConsoleDriver.read(driver);
            } catch (java.io.IOException e) {
                throw new SetupException("--driver " + driver + ": cannot read it (" + e + ")");
            } catch (IllegalArgumentException e) {
                throw new SetupException("--driver " + driver + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cases without running them.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = "--exchanges", paramLabel = "DIR", description = "Read the cases from this folder instead of the built-in spec/exchanges.")
        Path exchanges;

        @Override
        public Integer call() throws Exception {
            List<ConformanceCase> cases = RunOptions.loadCases(exchanges);
            for (ConformanceCase c : cases) {
                System.out.printf("%-6s %-6s %-8s %-42s %s  [%s]%n", c.target().name().toLowerCase(), c.level(), c.profile().name().toLowerCase(), c.id(), c.title(),
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
}
