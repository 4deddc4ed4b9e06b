package org.p2pkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.p2pkit.index.DurableRegistry;
import org.p2pkit.index.IndexLimits;
import org.p2pkit.index.LocalRegistry;
import org.p2pkit.index.Probing;
import org.p2pkit.index.Registry;
import org.p2pkit.index.RegistrationOutcome;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/**
 * What keeping the registry costs a change: one registration and its deregistration, each
 * acknowledged only once written (PERSIST-1), in the durable registry (a temporary data folder)
 * and in memory, beside a plain hash map put and remove of the same key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegistryWriteBenchmark {
    private static final int HELD = 10_000;
    private static final PeerAddress ADDRESS = new PeerAddress("127.0.0.1", 4001);

    @Param({"durable", "memory"})
    public String registry;

    private Registry kept;
    private Path folder;
    private final PeerName peer = PeerName.of("writer");
    private final ContentName content = ContentName.of("new");
    private final Map<ContentName, PeerName> baseline = new HashMap<>();

    /** A registry of {@value #HELD} registrations, so that the written pages are those of a real one. */
    @Setup
    public void fill() throws IOException {
        IndexLimits limits = new IndexLimits(HELD + 1, HELD + 1, HELD + 1);
        if (registry.equals("durable")) {
            folder = Files.createTempDirectory("p2pkit-bench-registry");
            kept = DurableRegistry.open(folder, limits, Probing.DEFAULTS);
        } else {
            kept = new LocalRegistry(limits);
        }
        for (int i = 0; i < HELD; i++) {
            kept.register(PeerName.of("p" + i / 10), ContentName.of("c" + i), ADDRESS);
        }
    }

    @TearDown
    public void close() throws IOException {
        if (kept instanceof DurableRegistry durable) {
            durable.close();
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Benchmark
    public boolean registerAndDeregister() {
        RegistrationOutcome outcome = kept.register(peer, content, ADDRESS);
        kept.deregister(peer, content);
        return outcome == RegistrationOutcome.REGISTERED;
    }

    /** Baseline: the same key put into and removed from a plain map. */
    @Benchmark
    public PeerName baselineHashMapPutRemove() {
        baseline.put(content, peer);
        return baseline.remove(content);
    }
}
