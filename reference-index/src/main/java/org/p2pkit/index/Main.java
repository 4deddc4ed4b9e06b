package org.p2pkit.index;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.p2pkit.model.LogBounds;
import org.p2pkit.model.StopSignals;
import org.p2pkit.model.ToolkitVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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
            "The registry is kept in a data folder (--data), so that a restart loses no acknowledged "
                    + "registration; --in-memory keeps it in memory only. With --cluster-port the index is one member "
                    + "of a cluster (--join names the others): every member answers from one registry, kept in the "
                    + "members' memory with a copy of every entry on a second member, so that losing one member loses "
                    + "nothing, while losing them all loses everything.",
            "Prints one line when ready (p2p-index listening on udp ADDR:PORT) and runs until Ctrl-C or "
                    + "SIGTERM; then it prints what it held (p2p-index stopped: N peers, M registrations kept in FILE, "
                    + "or forgotten with --in-memory) and exits with status 0.",
            ""},
        footer = {"",
            "Exit status: 0 after a clean stop (Ctrl-C or SIGTERM), 1 when the index cannot start (e.g. the port or the cluster port is taken, "
                    + "or the data folder is unreadable or used by another index), "
                    + "2 for invalid options."})
public final class Main implements Callable<Integer> {
    /** How long a new member waits for the cluster's entries to be in place with their backups before it is ready. */
    private static final Duration CLUSTER_SAFE_WAIT = Duration.ofSeconds(60);

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + IndexOptions.CLASSIC_PORT,
            description = "UDP port to listen on; 0 picks a free port (printed when ready). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Local address to listen on: 0.0.0.0 for all interfaces, 127.0.0.1 for this machine only. "
                    + "Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder the registry is kept in, so that a restart (even after kill -9) loses no "
                    + "acknowledged registration; created when absent. Default: $XDG_DATA_HOME/p2pkit/index-PORT, "
                    + "else ~/.local/share/p2pkit/index-PORT, PORT as given to --port.")
    Path data;

    @Option(names = "--in-memory",
            description = "Keep the registry in memory only: a restart forgets every registration (tests, benchmarks).")
    boolean inMemory;

    @Option(names = "--cluster-port", paramLabel = "PORT",
            description = "Run as a member of a cluster of indexes, listening for the other members on this TCP port "
                    + "of the --bind address (exactly this port: when it is taken the index does not start). "
                    + "The registry is then shared by the members and kept in their memory, not in a data folder: "
                    + "it excludes --data.")
    Integer clusterPort;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
            description = "Members of the cluster to join, by their cluster ports, comma-separated; members not started "
                    + "yet join later. Only these addresses are tried: no multicast, no discovery, no call out.")
    List<String> join = new ArrayList<>();

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterMember.DEFAULT_NAME,
            description = "Members join only a cluster of the same name. Default: ${DEFAULT-VALUE}.")
    String clusterName;

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

    @Option(names = "--max-peers-per-host", paramLabel = "N", defaultValue = "" + IndexLimits.DEFAULT_MAX_PEERS_PER_HOST,
            description = "Most peers whose names one source host owns at once (SEC-8). Default: ${DEFAULT-VALUE}.")
    int maxPeersPerHost;

    @Option(names = "--max-registrations-per-host", paramLabel = "N",
            defaultValue = "" + IndexLimits.DEFAULT_MAX_REGISTRATIONS_PER_HOST,
            description = "Most registrations the peers of one source host hold at once (SEC-8). Default: ${DEFAULT-VALUE}.")
    int maxRegistrationsPerHost;

    @Option(names = "--trust-announced-addresses",
            description = "Accept registrations whose address names another host than the one they come from "
                    + "(peers behind NAT, tests). Without it they get E \"Address is not the sender's host\" (SEC-6).")
    boolean trustAnnouncedAddresses;

    @Option(names = "--probe-timeout", paramLabel = "TIME", defaultValue = Probing.DEFAULT_TIMEOUT_MILLIS + "ms",
            converter = DurationText.class,
            description = "A probe of a content server (TCP connect, then close) that has not connected within it "
                    + "fails, and the peer is forgotten (SEC-5, SEC-7). Default: ${DEFAULT-VALUE}.")
    Duration probeTimeout;

    @Option(names = "--probe-interval", paramLabel = "TIME", defaultValue = Probing.DEFAULT_INTERVAL_SECONDS + "s",
            converter = DurationText.class,
            description = "A successful probe stands this long: a registration under the peer's name from another "
                    + "address is refused at once, without a new probe (SEC-5). Default: ${DEFAULT-VALUE}.")
    Duration probeInterval;

    @Option(names = "--holder-check-interval", paramLabel = "TIME",
            defaultValue = Probing.DEFAULT_HOLDER_CHECK_INTERVAL_SECONDS + "s", converter = DurationText.class,
            description = "A holder that has not registered or passed a probe within it is probed before a search "
                    + "names it (SEC-7). Default: ${DEFAULT-VALUE}.")
    Duration holderCheckInterval;

    @Option(names = "--probes-per-search", paramLabel = "N", defaultValue = "" + Probing.DEFAULT_PROBES_PER_SEARCH,
            description = "Probes one search may wait for; when the holder chosen after them still needs one, "
                    + "the search gets E \"File not found!\". Default: ${DEFAULT-VALUE}.")
    int probesPerSearch;

    @Option(names = "--probe-threads", paramLabel = "N", defaultValue = "" + Probing.DEFAULT_THREADS,
            description = "Probes run at once, on threads of their own. Default: ${DEFAULT-VALUE}.")
    int probeThreads;

    @Option(names = "--max-pending-probes", paramLabel = "N", defaultValue = "" + Probing.DEFAULT_MAX_PENDING,
            description = "Requests that may wait for a probe at once; more are dropped, and clients retry. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxPendingProbes;

    @Option(names = "--max-pending-probes-per-host", paramLabel = "N",
            defaultValue = "" + Probing.DEFAULT_MAX_PENDING_PER_HOST,
            description = "Requests from one source host that may wait for a probe at once. Default: ${DEFAULT-VALUE}.")
    int maxPendingProbesPerHost;

    @Option(names = "--max-replies-per-second-per-host", paramLabel = "N",
            defaultValue = "" + ReplyRate.DEFAULT_PER_SECOND,
            description = "Replies per second to one source host on average; requests over it are dropped unread "
                    + "(SEC-9). Default: ${DEFAULT-VALUE}.")
    int repliesPerSecondPerHost;

    @Option(names = "--reply-burst-per-host", paramLabel = "N", defaultValue = "" + ReplyRate.DEFAULT_BURST,
            description = "Most replies to one source host in one burst (SEC-9). Default: ${DEFAULT-VALUE}.")
    int replyBurstPerHost;

    @Option(names = "--log-summary-interval", paramLabel = "TIME",
            defaultValue = LogBounds.DEFAULT_SUMMARY_INTERVAL_SECONDS + "s", converter = DurationText.class,
            description = "Bad input and refused requests: the first of each kind in an interval is logged in full, "
                    + "the others are counted and summarised in one line per kind when it ends (SEC-10). "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration logSummaryInterval;

    @Option(names = "--log-sources-per-kind", paramLabel = "N", defaultValue = "" + LogBounds.DEFAULT_SOURCES_PER_KIND,
            description = "Source hosts a summary line names; it counts the others together (SEC-10). "
                    + "Default: ${DEFAULT-VALUE}.")
    int logSourcesPerKind;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads serving the socket. Default: one per core, at most 4 (here: ${DEFAULT-VALUE}).")
    int threads = IndexOptions.defaultThreads();

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "One of ${COMPLETION-CANDIDATES} (any case). At INFO bad input and refused requests are "
                    + "logged on standard error, bounded by --log-summary-interval; valid requests never are. "
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
        if (inMemory && data != null) {
            throw new ParameterException(spec.commandLine(), "--data and --in-memory exclude each other");
        }
        ClusterMember member = clusterMember(options);
        LogSetup.configure(logLevel, System.err);
        if (member != null) {
            return runMember(member, options, out, err);
        }
        DurableRegistry durable = null;
        IndexServer server;
        try {
            if (!inMemory) {
                durable = DurableRegistry.open(data != null ? data : defaultDataFolder(port), options.limits(),
                        options.probing());
                out.println("p2p-index keeps its registry in " + durable.file() + ": "
                        + count(durable.peerCount(), "peer") + ", " + count(durable.registrationCount(), "registration")
                        + " restored");
            }
            server = durable == null ? IndexServer.start(options) : IndexServer.start(options, durable);
        } catch (RegistryStoreException e) {
            return cannotStart(err, "cannot use the registry's data: " + e.getMessage(), null);
        } catch (BindException e) {
            return cannotStart(err, e.getMessage(), durable);
        } catch (IOException e) {
            return cannotStart(err, "cannot start: " + e, durable);
        }
        String held = serveUntilStopped(server, out);
        if (durable == null) {
            out.println("p2p-index stopped: " + held + " forgotten");
        } else {
            durable.close();
            out.println("p2p-index stopped: " + held + " kept in " + durable.file());
        }
        out.flush();
        return 0;
    }

    /** The cluster member the options ask for, or null for an index of its own. */
    private ClusterMember clusterMember(IndexOptions options) {
        if (clusterPort == null) {
            if (!join.isEmpty() || !ClusterMember.DEFAULT_NAME.equals(clusterName)) {
                throw new ParameterException(spec.commandLine(), "--join and --cluster-name need --cluster-port");
            }
            return null;
        }
        if (data != null) {
            throw new ParameterException(spec.commandLine(), "--data and --cluster-port exclude each other: "
                    + "a cluster keeps its registry in the memory of its members");
        }
        for (String member : join) {
            int colon = member.lastIndexOf(':');
            if (colon < 1 || !member.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new ParameterException(spec.commandLine(), "--join '" + member + "' is not HOST:PORT");
            }
        }
        try {
            return new ClusterMember(options.bind(), clusterPort, join, clusterName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cluster-port: " + e.getMessage());
        }
    }

    /** Runs the index as a member of a cluster (spec section 5.7) until a stop signal. */
    private static int runMember(ClusterMember member, IndexOptions options, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        System.setProperty("hazelcast.phone.home.enabled", "false"); // besides the member's configuration: never call out
        HazelcastInstance cluster;
        try {
            cluster = member.start();
        } catch (RuntimeException e) {
            err.println("p2p-index: cannot start the cluster member on tcp " + member.bind().getHostAddress() + ":"
                    + member.port() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        IndexServer server;
        try {
            if (!ClusterMember.awaitSafe(cluster, CLUSTER_SAFE_WAIT)) {
                err.println("p2p-index: warning: the cluster's entries are still moving or being copied after "
                        + CLUSTER_SAFE_WAIT.toSeconds() + " s; a member lost now may lose some");
            }
            Registry registry = ClusterRegistry.of(cluster, options.limits(), options.probing());
            out.println("p2p-index is a member of cluster '" + member.name() + "' on tcp "
                    + cluster.getCluster().getLocalMember().getAddress().getHost() + ":"
                    + cluster.getCluster().getLocalMember().getAddress().getPort() + " with "
                    + count(cluster.getCluster().getMembers().size(), "member") + ": " + count(registry.peerCount(), "peer") + ", "
                    + count(registry.registrationCount(), "registration") + " shared");
            server = IndexServer.start(options, registry);
        } catch (IOException e) {
            cluster.shutdown();
            return cannotStart(err, e instanceof BindException ? e.getMessage() : "cannot start: " + e, null);
        }
        String held = serveUntilStopped(server, out);
        boolean others = cluster.getCluster().getMembers().size() > 1;
        cluster.shutdown(); // gracefully: this member's entries move to the others first
        out.println("p2p-index stopped: " + held + (others ? " kept by the other members" : " forgotten (the last member)"));
        out.flush();
        return 0;
    }

    /** Serves until a stop signal; then what the registry held, as "N peers, M registrations". */
    private static String serveUntilStopped(IndexServer server, PrintWriter out) throws InterruptedException {
        StopSignals.onStop(server::close);
        out.println("p2p-index listening on udp " + IndexServer.describe(server.address()));
        out.flush();
        server.awaitClose();
        Registry registry = server.registry();
        return count(registry.peerCount(), "peer") + ", " + count(registry.registrationCount(), "registration");
    }

    private static int cannotStart(PrintWriter err, String problem, DurableRegistry durable) {
        if (durable != null) {
            durable.close();
        }
        err.println("p2p-index: " + problem);
        err.flush();
        return 1;
    }

    /** $XDG_DATA_HOME/p2pkit/index-PORT, else ~/.local/share/p2pkit/index-PORT (the XDG base directory rule). */
    static Path defaultDataFolder(int port) {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("p2pkit").resolve("index-" + port);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    IndexOptions options() {
        try {
            InetAddress address = parseAddress(bind);
            IndexLimits limits = new IndexLimits(maxPeers, maxContentsPerPeer, maxRegistrations, maxPeersPerHost,
                    maxRegistrationsPerHost);
            Probing probing = new Probing(probeTimeout, probeInterval, holderCheckInterval, probesPerSearch, probeThreads,
                    maxPendingProbes, maxPendingProbesPerHost);
            return new IndexOptions(address, port, limits, threads, trustAnnouncedAddresses, probing,
                    new ReplyRate(repliesPerSecondPerHost, replyBurstPerHost),
                    new LogBounds(logSummaryInterval, logSourcesPerKind));
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

    /** A time as operators write it: a whole number of milliseconds ({@code 500ms}) or seconds ({@code 10s}). */
    static final class DurationText implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            String digits = text.endsWith("ms") ? text.substring(0, text.length() - 2)
                    : text.endsWith("s") ? text.substring(0, text.length() - 1) : "";
            if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a time like 500ms or 10s");
            }
            long value = Long.parseLong(digits);
            return text.endsWith("ms") ? Duration.ofMillis(value) : Duration.ofSeconds(value);
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
