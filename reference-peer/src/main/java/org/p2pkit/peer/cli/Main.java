package org.p2pkit.peer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerName;
import org.p2pkit.peer.Console;
import org.p2pkit.peer.ContentServer;
import org.p2pkit.peer.ContentStore;
import org.p2pkit.peer.Downloader;
import org.p2pkit.peer.IndexClient;
import org.p2pkit.peer.Peer;
import org.p2pkit.peer.PeerOptions;
import org.p2pkit.peer.Profile;
import org.p2pkit.peer.Progress;
import org.p2pkit.peer.TerminalProgress;
import org.p2pkit.model.StopSignals;
import org.p2pkit.model.ToolkitVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code p2p-peer}: the reference peer's command line. Without a subcommand it runs the classic
 * console; {@code get}, {@code list}, {@code search} and {@code serve} are one-shot commands for scripts.
 */
@Command(name = "p2p-peer",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = {GetCommand.class, ListCommand.class, SearchCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        description = {
            "The reference peer of the classic P2P file-sharing protocol: it registers",
            "contents at an index, serves them to other peers over TCP and downloads",
            "contents from them.",
            "",
            "Without a command it runs the classic console, which reads the same input as",
            "the original peer: its name, a content to share, then the menu",
            "  1 <content> register   2 <content> download   3 <content> deregister",
            "  4 list all             5 leave and exit",
            "With --name or --share the name and first-content prompts are skipped.",
            "A content 'song' is the file song.txt in the share folder (--dir).",
            "",
            "Unless --classic, it speaks the extended profile where the other side does:",
            "any file, its size and SHA-256 registered and checked, raw transfer, and a",
            "download that breaks off resumes from the bytes it kept.",
            "",
        },
        footerHeading = "%n",
        footer = {
            "Examples:",
            "  p2p-peer --index 127.0.0.1:8886           interactive, like the original",
            "  p2p-peer --name alice --share song serve  share song.txt until Ctrl-C",
            "  p2p-peer --name bob get song              download song.txt, register it",
            "  p2p-peer list                             print what the index holds",
        })
public final class Main implements Callable<Integer> {
    @Option(names = "--index", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8886",
            converter = Converters.IndexAddress.class,
            description = "The index's UDP address (default: ${DEFAULT-VALUE}, the classic one).")
    InetSocketAddress index;

    @Option(names = "--name", scope = ScopeType.INHERIT, paramLabel = "NAME", converter = Converters.Peer.class,
            description = "This peer's name, 1-9 characters (interactive: asked if not given; commands: p<pid>).")
    PeerName name;

    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = ".",
            description = "The share folder: contents are read from it and downloads written to it (default: the current folder).")
    Path dir;

    @Option(names = "--share", scope = ScopeType.INHERIT, paramLabel = "CONTENT", split = ",", converter = Converters.Content.class,
            description = "A content to register at start; repeat it or separate with commas.")
    List<ContentName> shares = new ArrayList<>();

    @Option(names = "--files", scope = ScopeType.INHERIT, paramLabel = "PATTERN", defaultValue = ContentStore.DEFAULT_PATTERN,
            description = "How a content name maps to a file in DIR (default: ${DEFAULT-VALUE}, the original's).")
    String filePattern;

    @Option(names = "--port", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "0",
            description = "TCP port of the content server (default: an ephemeral port).")
    int port;

    @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "IPV4",
            description = "The address announced to the index and listened on (default: the local address that reaches the index).")
    String host;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "TIME", defaultValue = "500ms", converter = Converters.Time.class,
            description = "How long to wait for each index reply (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"--tries", "--retries"}, scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "3",
            description = "How many times to send an index request before giving up (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--transfer-timeout", scope = ScopeType.INHERIT, paramLabel = "TIME", defaultValue = "10s",
            converter = Converters.Time.class,
            description = "Give up a download after this long without data, and drop a downloader that takes no data "
                    + "for this long (default: ${DEFAULT-VALUE}).")
    Duration transferTimeout;

    @Option(names = "--request-deadline", scope = ScopeType.INHERIT, paramLabel = "TIME", defaultValue = "5s",
            converter = Converters.Time.class,
            description = "Drop a client whose whole download request has not come this long after it connected "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration requestDeadline;

    @Option(names = "--max-per-host", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "8",
            description = "Serve at most N connections at once from one host; more are closed at once (default: ${DEFAULT-VALUE}).")
    int maxPerHost;

    @Option(names = "--max-connections", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "256",
            description = "Serve at most N connections at once in all; more are closed at once (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--download-deadline", scope = ScopeType.INHERIT, paramLabel = "TIME", defaultValue = "1h",
            converter = Converters.Time.class,
            description = "A download fails when it is not complete this long after it started (default: ${DEFAULT-VALUE}).")
    Duration downloadDeadline;

    @Option(names = "--min-rate", scope = ScopeType.INHERIT, paramLabel = "SIZE", defaultValue = "16KiB", converter = Converters.Size.class,
            description = "A download fails when it gets fewer than SIZE bytes per second over a --rate-window; 0 for no minimum "
                    + "(default: ${DEFAULT-VALUE}).")
    long minRate;

    @Option(names = "--rate-window", scope = ScopeType.INHERIT, paramLabel = "TIME", defaultValue = "10s",
            converter = Converters.Time.class,
            description = "The windows over which --min-rate is taken (default: ${DEFAULT-VALUE}).")
    Duration rateWindow;

    @Option(names = "--max-size", scope = ScopeType.INHERIT, paramLabel = "SIZE", defaultValue = "1TiB", converter = Converters.Size.class,
            description = "A download fails when the holder sends or announces more than SIZE bytes (default: ${DEFAULT-VALUE}).")
    long maxSize;

    @Option(names = "--disk-margin", scope = ScopeType.INHERIT, paramLabel = "SIZE", defaultValue = "64MiB", converter = Converters.Size.class,
            description = "A download stops before the disk's free space falls under SIZE (default: ${DEFAULT-VALUE}).")
    long diskMargin;

    @Option(names = "--classic", scope = ScopeType.INHERIT,
            description = "Speak the classic protocol only: register without stamps, refuse files holding a NUL, "
                    + "download and serve C pieces.")
    boolean classic;

    @Option(names = "--keep-resume", scope = ScopeType.INHERIT, paramLabel = "TIME", defaultValue = "7d", converter = Converters.Time.class,
            description = "At start, remove the resume files of broken-off downloads older than this (default: ${DEFAULT-VALUE}).")
    Duration keepResume;

    @Option(names = "--recheck-interval", scope = ScopeType.INHERIT, paramLabel = "TIME", defaultValue = "30s",
            converter = Converters.RecheckInterval.class,
            description = "Check each shared content at the index once per TIME (its registration sent again, "
                    + "spread over TIME, one content at a time), and register again what the index forgot, "
                    + "e.g. after a restart without its data; 0 turns it off (default: ${DEFAULT-VALUE}).")
    Duration recheckInterval;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log what the content server does (always on for serve).")
    boolean verbose;

    InputStream stdin = System.in;
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    /** Whether Ctrl-C and SIGTERM stop the peer cleanly; only the process's own main takes the signals. */
    private boolean stopOnSignals;

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, true));
    }

    /**
     * Runs the command line with the given streams, leaving the JVM's signal handling alone (as in
     * tests); returns the exit code (see {@link ExitCode}).
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, false);
    }

    private static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean stopOnSignals) {
        Main main = new Main();
        main.stdin = in;
        main.stdout = out;
        main.stderr = err;
        main.stopOnSignals = stopOnSignals;
        CommandLine cli = new CommandLine(main);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.getCommandSpec().usageMessage().footer(concat(cli.getCommandSpec().usageMessage().footer(), ExitCode.FOOTER));
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().footer(ExitCode.FOOTER);
        }
        cli.setParameterExceptionHandler((e, args2) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("p2p-peer: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("p2p-peer: " + message(e));
            return ExitCode.of(e);
        });
        return cli.execute(args);
    }

    /** The interactive console (no subcommand). */
    @Override
    public Integer call() throws IOException {
        configureLogging(false);
        new ContentStore(dir, filePattern); // a bad --dir or --files fails before any prompt
        Console console = new Console(stdin, stdout, stderr, peerName -> {
            Peer peer = startPeer(peerName);
            peer.leaveOnExit(); // SIGHUP (the terminal closed) leaves the index too
            onStop(() -> {
                // Ends the process from the signal thread: the console may be blocked reading stdin,
                // and such a read cannot be interrupted.
                peer.leave();
                stdout.println(); // ends the pending prompt's line, as at the end of input
                stdout.println(Console.farewell(peerName));
                stdout.flush();
                System.exit(ExitCode.OK);
            });
            return peer;
        }, this::progressFor);
        return console.run(name, shares);
    }

    /** Runs {@code stop} on Ctrl-C (SIGINT) and SIGTERM, when this is the process's own command line. */
    void onStop(Runnable stop) {
        if (stopOnSignals) {
            StopSignals.onStop(stop);
        }
    }

    PeerOptions peerOptions() {
        return PeerOptions.defaults(index)
                .withFolder(dir)
                .withFilePattern(filePattern)
                .withHost(host)
                .withPort(port)
                .withIndexOptions(indexOptions())
                .withTransferOptions(Downloader.Options.DEFAULT.withIdleTimeout(transferTimeout).withDeadline(downloadDeadline)
                        .withMinRate(minRate, rateWindow).withMaxSize(maxSize).withDiskMargin(diskMargin))
                .withServerLimits(new ContentServer.Limits(requestDeadline, transferTimeout, maxPerHost, maxConnections))
                .withProfile(classic ? Profile.CLASSIC : Profile.EXTENDED)
                .withResumeKeep(keepResume)
                .withRecheckInterval(recheckInterval);
    }

    IndexClient.Options indexOptions() {
        return new IndexClient.Options(timeout, tries);
    }

    Peer startPeer(PeerName peerName) throws IOException {
        return Peer.start(peerName, peerOptions());
    }

    /** The --name, or a name made from the process id for one-shot commands. */
    PeerName nameOrDefault() {
        return name != null ? name : new PeerName("p" + ProcessHandle.current().pid() % 100_000_000L);
    }

    Progress progressFor(ContentName content) {
        return System.console() != null ? new TerminalProgress(stderr, content.value()) : Progress.NONE;
    }

    void configureLogging(boolean serving) {
        Logger root = Logger.getLogger("org.p2pkit");
        root.setUseParentHandlers(false);
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Level level = verbose || serving ? Level.INFO : Level.WARNING;
        // to this command's own error stream (the process's, or the one an embedding gave it)
        Handler handler = new StreamHandler(stderr, new SimpleFormatter() {
            @Override
            public String format(LogRecord record) {
                return String.format("p2p-peer %s: %s%n", record.getLevel().getName().toLowerCase(java.util.Locale.ROOT),
                        formatMessage(record));
            }
        }) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
    }

    static String message(Throwable e) {
        String text = e.getMessage();
        return text == null || text.isBlank() ? e.toString() : text;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The toolkit's version, the same in every command. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"p2p-peer " + ToolkitVersion.get()};
        }
    }
}
