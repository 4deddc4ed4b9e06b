package org.p2pkit.index;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import org.p2pkit.model.StopSignals;
import org.p2pkit.model.ToolkitVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code p2p-index} command: runs a reference index until Ctrl-C (spec section 5). */
@Command(name = "p2p-index",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs the p2pkit reference index server: it keeps track of which peer serves which content "
                    + "and answers register (R), search (S), deregister (T) and list (O) requests over UDP in "
                    + "the classic 101-byte format, so the original C peer works against it unchanged.",
            "Prints one line when ready (p2p-index listening on udp ADDR:PORT) and runs until Ctrl-C or "
                    + "SIGTERM; then it prints what it held (p2p-index stopped: N peers, M registrations forgotten) "
                    + "and exits with status 0.",
            ""},
        footer = {"",
            "Exit status: 0 after a clean stop (Ctrl-C or SIGTERM), 1 when the index cannot start (e.g. the port is taken), "
                    + "2 for invalid options."})
public final class Main implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + IndexOptions.CLASSIC_PORT,
            description = "UDP port to listen on; 0 picks a free port (printed when ready). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Local address to listen on: 0.0.0.0 for all interfaces, 127.0.0.1 for this machine only. "
                    + "Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--max-peers", paramLabel = "N", defaultValue = "" + IndexLimits.DEFAULT_MAX_PEERS,
            description = "Most peers registered at once; beyond it registrations get E \"Index full: ...\". "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxPeers;

    @Option(names = "--max-contents-per-peer", paramLabel = "N",
            defaultValue = "" + IndexLimits.DEFAULT_MAX_CONTENTS_PER_PEER,
            description = "Most contents one peer registers at once. Default: ${DEFAULT-VALUE}.")
    int maxContentsPerPeer;

    @Option(names = "--max-registrations", paramLabel = "N",
            defaultValue = "" + IndexLimits.DEFAULT_MAX_REGISTRATIONS,
            description = "Most (peer, content) registrations in the whole index. Default: ${DEFAULT-VALUE}.")
    int maxRegistrations;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads serving the socket. Default: one per core, at most 4 (here: ${DEFAULT-VALUE}).")
    int threads = IndexOptions.defaultThreads();

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "One of ${COMPLETION-CANDIDATES} (any case). At INFO every bad input and every refused "
                    + "registration logs one line on standard error; valid requests are never logged. "
                    + "Default: ${DEFAULT-VALUE}.")
    LogLevel logLevel;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command, ready to {@code execute}; tests run it in-process. */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::invalidOptions);
    }

    /** A short error and a pointer to --help, rather than the whole usage text. */
    private static int invalidOptions(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("p2p-index: " + e.getMessage());
        err.println("Try 'p2p-index --help' for the options.");
        err.flush();
        return 2;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IndexOptions options = options();
        LogSetup.configure(logLevel, System.err);
        IndexServer server;
        try {
            server = IndexServer.start(options);
        } catch (BindException e) {
            err.println("p2p-index: " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("p2p-index: cannot start: " + e);
            err.flush();
            return 1;
        }
        StopSignals.onStop(server::close);
        out.println("p2p-index listening on udp " + IndexServer.describe(server.address()));
        out.flush();
        server.awaitClose();
        Registry registry = server.registry();
        out.println("p2p-index stopped: " + count(registry.peerCount(), "peer") + ", "
                + count(registry.registrationCount(), "registration") + " forgotten");
        out.flush();
        return 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private IndexOptions options() {
        try {
            InetAddress address = parseAddress(bind);
            IndexLimits limits = new IndexLimits(maxPeers, maxContentsPerPeer, maxRegistrations);
            return new IndexOptions(address, port, limits, threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private InetAddress parseAddress(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("--bind '" + text + "' is not an address: " + e.getMessage());
        }
    }

    /** The toolkit's version, the same in every command. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"p2p-index " + ToolkitVersion.get() + " (p2pkit reference index, classic P2P protocol over UDP)"};
        }
    }
}
