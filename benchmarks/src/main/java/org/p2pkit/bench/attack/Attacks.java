package org.p2pkit.bench.attack;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.p2pkit.bench.ColdProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The long attacks of the hardening work (spec section 9), each against cold processes of the
 * reference index and peer on loopback, from one host (127.0.0.2) while another (127.0.0.3) uses
 * the service. Prints one Markdown table row per attack.
 */
@Command(name = "attacks", mixinStandardHelpOptions = true,
        description = "Runs the attacks of spec section 9 against the reference index and peer, started from their jars.")
public final class Attacks implements Callable<Integer> {
    @Option(names = "--jars", defaultValue = ".", paramLabel = "DIR", description = "The repository, where */target/*.jar are (default: the current folder).")
    Path repo;

    @Option(names = "--registrations", defaultValue = "1000000", description = "Registrations the flooding host sends (default: ${DEFAULT-VALUE}).")
    int registrations;

    @Option(names = "--malformed", defaultValue = "1000000", description = "Malformed datagrams of the log flood (default: ${DEFAULT-VALUE}).")
    int malformed;

    @Option(names = "--lists", defaultValue = "10000", description = "List requests of the reflection attack (default: ${DEFAULT-VALUE}).")
    int lists;

    @Option(names = "--connections", defaultValue = "1000", description = "Connections the slot attack holds (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seconds", defaultValue = "60", description = "Longest time for the registration flood (default: ${DEFAULT-VALUE}).")
    int seconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Attacks()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path index = repo.resolve("reference-index/target/p2p-index.jar");
        Path peer = repo.resolve("reference-peer/target/p2p-peer.jar");
        Path work = Files.createTempDirectory("p2p-attacks-");
        try {
            runAll(index, peer, work);
        } finally {
            // the logs of the programs under attack can be large (52 MB for the log flood before SEC-10)
            try (java.util.stream.Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return 0;
    }

    private void runAll(Path index, Path peer, Path work) throws Exception {
        System.out.println("| attack | what one host does | what another host gets |");
        System.out.println("|---|---|---|");
        try (Started run = new Started(index, work)) {
            System.out.println(RegistrationFlood.run(run.address, registrations, seconds));
        }
        try (Started run = new Started(index, work)) {
            System.out.println(LogFlood.run(run.process, run.address, malformed));
        }
        try (Started run = new Started(index, work)) {
            System.out.println(ReplyFlood.run(run.address, lists));
        }
        for (String mode : List.of("idle", "drip")) {
            try (Started run = new Started(index, work)) {
                Path folder = Files.createDirectories(work.resolve("alice-" + mode));
                Files.write(folder.resolve("song.txt"), "a line of the song\n".repeat(50_000).getBytes(StandardCharsets.US_ASCII));
                int port = Hosts.freeTcpPort();
                ColdProcess alice = ColdProcess.start(peer, List.of("--name", "alice", "--index", "127.0.0.1:" + run.address.getPort(),
                        "--dir", folder.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "serve", "song"), "serves at",
                        work.resolve("alice-" + mode + ".log"));
                try {
                    System.out.println(SlotAttack.run(new InetSocketAddress(Hosts.TARGET, port), mode, mode.equals("idle") ? connections : 300, 10));
                } finally {
                    alice.close();
                }
            }
        }
    }

    /** A reference index started from its jar on a free loopback port. */
    private static final class Started implements AutoCloseable {
        final ColdProcess process;
        final InetSocketAddress address;

        Started(Path jar, Path work) throws Exception {
            int port = Hosts.freeUdpPort();
            address = new InetSocketAddress(Hosts.TARGET, port);
            process = ColdProcess.start(jar, List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--in-memory"), "listening",
                    work.resolve("index-" + port + ".log"));
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
