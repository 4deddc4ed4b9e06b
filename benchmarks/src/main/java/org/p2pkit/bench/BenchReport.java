package org.p2pkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns JMH's JSON results into the Markdown table of benchmarks/README.md: each measurement
 * beside its baseline from the same run, the ratio, and the machine it came from.
 */
public final class BenchReport {
    private final Map<String, Double> scores = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    private BenchReport(JsonNode results) {
        for (JsonNode result : results) {
            String name = result.get("benchmark").asText().replace("org.p2pkit.bench.", "");
            StringBuilder key = new StringBuilder(name);
            result.path("params").properties().forEach(p -> key.append(' ').append(p.getKey()).append('=').append(p.getValue().asText()));
            scores.put(key.toString(), result.get("primaryMetric").get("score").asDouble());
            units.put(key.toString(), result.get("primaryMetric").get("scoreUnit").asText());
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchReport JMH_RESULTS.json");
            System.exit(2);
        }
        System.out.print(new BenchReport(new ObjectMapper().readTree(Files.readString(Path.of(args[0])))).markdown());
    }

    private String markdown() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(machine()).append(".\n\n");

        md.append("| transfer (download between two reference peers) | extended | classic | raw socket copy | extended / raw | classic / raw | classic cost per PDU |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String size : values("TransferBenchmark.peerDownloadClassic", "mebibytes")) {
            double mib = Double.parseDouble(size);
            double extended = mbPerSecond(mib, scores.get("TransferBenchmark.peerDownloadExtended mebibytes=" + size));
            Double classicMs = scores.get("TransferBenchmark.peerDownloadClassic mebibytes=" + size);
            double classic = mbPerSecond(mib, classicMs);
            double raw = mbPerSecond(mib, scores.get("TransferBenchmark.rawSocketCopy mebibytes=" + size));
            double pdus = mib * 1024 * 1024 / 99;
            md.append(String.format("| %s MiB | %.0f MB/s | %.0f MB/s | %.0f MB/s | %s | %s | %.0f ns |%n", size, extended, classic, raw,
                    percent(extended, raw), percent(classic, raw), classicMs == null ? Double.NaN : classicMs * 1e6 / pdus));
        }

        md.append("\n| in-process lookup | registry search | checked search (the server's) | hash map get (baseline) | one dependent memory read (baseline) |\n");
        md.append("|---|---|---|---|---|\n");
        for (String size : values("RegistryLookupBenchmark.search", "registrations")) {
            md.append(String.format("| %,d registrations | %s | %s | %s | %s |%n", Integer.parseInt(size),
                    nanos(scores.get("RegistryLookupBenchmark.search registrations=" + size)),
                    nanos(scores.get("RegistryLookupBenchmark.searchChecked registrations=" + size)),
                    nanos(scores.get("RegistryLookupBenchmark.baselineHashMapGet registrations=" + size)),
                    nanos(scores.get("RegistryLookupBenchmark.baselineDependentRead registrations=" + size))));
        }

        Double durable = scores.get("RegistryWriteBenchmark.registerAndDeregister registry=durable");
        Double memory = scores.get("RegistryWriteBenchmark.registerAndDeregister registry=memory");
        Double put = scores.get("RegistryWriteBenchmark.baselineHashMapPutRemove registry=memory");
        if (durable != null) { // absent when only some benchmarks ran
            md.append("\n| a registration and its removal (10,000 held) | durable (`--data`) | in memory (`--in-memory`) | hash map put and remove (baseline) |\n|---|---|---|---|\n");
            md.append(String.format("| per pair | %.1f µs | %.2f µs | %.2f µs |%n", durable, memory, put));
        }

        Double index = scores.get("UdpLookupBenchmark.search server=index");
        Double echo = scores.get("UdpLookupBenchmark.search server=echo");
        md.append("\n| UDP over loopback (4 clients, 16 in flight each) | reference index | echo server (baseline) | ratio |\n|---|---|---|---|\n");
        md.append(String.format("| searches per second | %,.0f | %,.0f | %s |%n", index, echo, percent(index, echo)));
        Double cluster1 = scores.get("UdpLookupBenchmark.search server=cluster-1");
        Double cluster3 = scores.get("UdpLookupBenchmark.search server=cluster-3");
        md.append("\n| UDP over loopback, searches per second | single index | cluster of 1 | cluster of 3 (one JVM) |\n|---|---|---|---|\n");
        md.append(String.format("| searches per second | %,.0f | %,.0f (%s) | %,.0f (%s) |%n", index, cluster1,
                percent(cluster1, index), cluster3, percent(cluster3, index)));

        md.append("\n| codec, per PDU | encode | decode | 101-byte copy (baseline) |\n|---|---|---|---|\n");
        for (String kind : values("CodecBenchmark.encode", "kind")) {
            md.append(String.format("| %s | %.0f ns | %.0f ns | %.0f ns |%n", kind, scores.get("CodecBenchmark.encode kind=" + kind),
                    scores.get("CodecBenchmark.decode kind=" + kind), scores.get("CodecBenchmark.baselineCopy kind=" + kind)));
        }
        Double bulk = scores.get("CodecBenchmark.bulkFramePiece kind=ContentPiece");
        if (bulk != null) {
            md.append(String.format("| ContentPiece, bulk path of the peers | %.0f ns | | |%n", bulk));
        }

        Double suite = scores.get("ConformanceRunBenchmark.embeddedSuite");
        if (suite != null) { // absent when only some benchmarks ran (run.sh -- TransferBenchmark)
            md.append(String.format("%nThe whole conformance suite against the embedded reference index and peer: %.1f s.%n", suite / 1000));
        }
        return md.toString();
    }

    private java.util.List<String> values(String benchmark, String param) {
        return scores.keySet().stream().filter(k -> k.startsWith(benchmark + " " + param + "="))
                .map(k -> k.substring((benchmark + " " + param + "=").length())).distinct().toList();
    }

    private static double mbPerSecond(double mebibytes, Double millis) {
        return millis == null ? Double.NaN : mebibytes * 1.048576 / (millis / 1000);
    }

    private static String nanos(Double value) {
        return value == null ? "n/a" : String.format("%,.0f ns", value);
    }

    private static String percent(Double value, Double baseline) {
        return value == null || baseline == null ? "n/a" : String.format("%.0f%%", 100 * value / baseline);
    }

    private static String machine() throws IOException {
        String cpu = "unknown CPU";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.exists(info)) {
            cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
