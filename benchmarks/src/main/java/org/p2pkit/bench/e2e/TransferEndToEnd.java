package org.p2pkit.bench.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.p2pkit.bench.ColdProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One download as a user meets it: a cold {@code p2p-peer get} process, timed from its start to its
 * exit with the file in place, over the extended and the classic transfer, beside a cold raw copy
 * of the same file in the same run. The index and the holder run before the clock starts, as a
 * user's would. Prints a Markdown table of the median of each path.
 */
@Command(name = "transfer-e2e", mixinStandardHelpOptions = true,
        description = "Times whole downloads in cold processes (extended, classic) beside a raw copy of the same file.")
public final class TransferEndToEnd implements Callable<Integer> {
    private static final int MIB = 1 << 20;

    @Option(names = "--jars", defaultValue = ".", paramLabel = "DIR", description = "The repository, where */target/*.jar are (default: the current folder).")
    Path repo;

    @Option(names = "--size-mib", defaultValue = "1024", description = "Size of the file in MiB (default: ${DEFAULT-VALUE}).")
    int sizeMib;

    @Option(names = "--runs", defaultValue = "3", description = "Runs of each path; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TransferEndToEnd()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("p2p-transfer-e2e-");
        try {
            run(work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return 0;
    }

    private void run(Path work) throws Exception {
        Path holder = Files.createDirectories(work.resolve("holder"));
        Path downloader = Files.createDirectories(work.resolve("downloader"));
        Path file = holder.resolve("song.txt");
        long size = (long) sizeMib * MIB;
        writeNulFreeFile(file, sizeMib);
        Path bench = repo.resolve("benchmarks/target/benchmarks.jar");
        Path peer = repo.resolve("reference-peer/target/p2p-peer.jar");
        int indexPort = freeUdpPort();
        String index = "127.0.0.1:" + indexPort;
        System.err.printf("file: %,d bytes; index, holder and raw sender starting%n", size);
        try (ColdProcess indexProcess = ColdProcess.start(repo.resolve("reference-index/target/p2p-index.jar"),
                     List.of("--port", Integer.toString(indexPort), "--bind", "127.0.0.1", "--in-memory"), "listening", work.resolve("index.log"));
             ColdProcess holderProcess = ColdProcess.start(peer, List.of("--dir", holder.toString(), "--name", "alice", "--index", index,
                     "--share", "song", "serve"), "serves at", work.resolve("holder.log"));
             ColdProcess raw = ColdProcess.start(ColdProcess.java(List.of("-cp", bench.toString(), RawCopy.class.getName()),
                     List.of("serve", file.toString())), "serving on", work.resolve("raw.log"))) {
            Map<String, List<String>> commands = new LinkedHashMap<>();
            Path target = downloader.resolve("song.txt");
            commands.put("raw copy (baseline)", ColdProcess.java(List.of("-cp", bench.toString(), RawCopy.class.getName()),
                    List.of("fetch", raw.readyLine().substring("serving on ".length()), target.toString())));
            commands.put("extended transfer", ColdProcess.java(List.of("-jar", peer.toString()),
                    List.of("--dir", downloader.toString(), "--name", "bob", "--index", index, "get", "song")));
            commands.put("classic transfer", ColdProcess.java(List.of("-jar", peer.toString()),
                    List.of("--dir", downloader.toString(), "--name", "bob", "--index", index, "--classic", "get", "song")));
            Map<String, double[]> seconds = new LinkedHashMap<>();
            commands.keySet().forEach(path -> seconds.put(path, new double[runs]));
            List<Map.Entry<String, List<String>>> paths = new ArrayList<>(commands.entrySet());
            for (int r = 0; r < runs; r++) {
                // each run starts with another path, so that no path always follows the same one (its writeback, its caches)
                for (int p = 0; p < paths.size(); p++) {
                    Map.Entry<String, List<String>> path = paths.get((r + p) % paths.size());
                    Files.deleteIfExists(target);
                    settle(work.resolve("sync.log"));
                    double s = timed(path.getValue(), work.resolve("get.log"));
                    if (Files.mismatch(file, target) != -1) {
                        throw new IllegalStateException(path.getKey() + ": the file received differs from the file sent");
                    }
                    seconds.get(path.getKey())[r] = s;
                    System.err.printf("run %d, %s: %.2f s%n", r + 1, path.getKey(), s);
                }
            }
            printTable(size, seconds);
            System.err.printf("index log %d bytes, holder log %d bytes%n", indexProcess.logBytes(), holderProcess.logBytes());
        }
    }

    private void printTable(long size, Map<String, double[]> seconds) {
        double raw = median(seconds.values().iterator().next());
        System.out.printf("| %d MiB, cold processes, median of %d | seconds | MB/s | of the raw copy |%n", sizeMib, runs);
        System.out.println("|---|---|---|---|");
        seconds.forEach((path, s) -> System.out.printf("| %s | %.2f | %,.0f | %.0f%% |%n",
                path, median(s), size / 1e6 / median(s), 100 * raw / median(s)));
    }

    private static double timed(List<String> command, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("did not end in 10 minutes: " + String.join(" ", command));
        }
        double s = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IOException("exit status " + process.exitValue() + ": " + String.join(" ", command) + "\n" + Files.readString(log));
        }
        return s;
    }

    /**
     * Lets the disk take the bytes the previous run left in the page cache, so that no run pays for
     * the writeback of another (Linux writes dirty pages back after 30 s, during later runs).
     */
    private static void settle(Path log) throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!sync.waitFor(2, TimeUnit.MINUTES)) {
            sync.destroyForcibly();
        }
    }

    /** Random bytes without a NUL, so that classic transfer can carry the file too (XFER-6). */
    private static void writeNulFreeFile(Path file, int mib) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                for (int j = 0; j < block.length; j++) {
                    if (block[j] == 0) {
                        block[j] = 1;
                    }
                }
                out.write(block);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
