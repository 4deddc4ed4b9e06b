package org.p2pkit.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.p2pkit.index.IndexLimits;
import org.p2pkit.index.LocalRegistry;
import org.p2pkit.index.Registry;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * A search in the in-process registry (the selection rule, and the served count it updates) at
 * 10^3, 10^5 and 10^6 registrations, beside a plain hash map lookup of the same keys: in process,
 * and as the index server searches, checking that the holder was seen lately (SEC-7; its answer is
 * package-private, hence Object). A third baseline is the floor of any structure whose data grows
 * with the registry: one memory read that depends on the one before, in an array of one cache line
 * per registration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class RegistryLookupBenchmark {
    /** Registrations in the registry: a tenth as many contents, each held by ten peers. */
    @Param({"1000", "100000", "1000000"})
    public int registrations;

    private Registry registry;
    private ContentName[] contents;
    private final Map<ContentName, PeerName> baseline = new HashMap<>();
    /** A time at which every holder counts as seen, so that the checked search names and counts one. */
    private long now;
    private static final int LINE_INTS = 16;
    /** One int per 64-byte line, one line per registration: where to read next, a random cycle through all lines. */
    private int[] chain;
    private int link;

    @Setup
    public void fill() {
        int count = registrations / 10;
        registry = new LocalRegistry(new IndexLimits(registrations, registrations, registrations));
        contents = new ContentName[count];
        for (int c = 0; c < count; c++) {
            contents[c] = ContentName.of("c" + c);
        }
        for (int i = 0; i < registrations; i++) {
            int peer = i / 10;
            // each peer holds ten different contents, spread over all of them
            ContentName content = contents[(int) ((long) i * 7919 % count)];
            PeerName name = PeerName.of("p" + peer);
            registry.register(name, content, new PeerAddress("127.0.0.1", 1 + peer % 65535));
            baseline.putIfAbsent(content, name);
        }
        now = System.nanoTime();
        chain = randomCycle(registrations);
    }

    /** A random cyclic order of {@code lines} cache lines, each naming the next (lines in shuffled order, each linked to the next). */
    private static int[] randomCycle(int lines) {
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        for (int i = lines - 1; i > 0; i--) {
            int j = ThreadLocalRandom.current().nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[lines * LINE_INTS];
        for (int i = 0; i < lines; i++) {
            next[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
        }
        return next;
    }

    private ContentName next() {
        return contents[ThreadLocalRandom.current().nextInt(contents.length)];
    }

    @Benchmark
    public SearchHit search() {
        return registry.search(next());
    }

    /** The search the index server makes for an S (SEC-7: the holder was seen within the check interval). */
    @Benchmark
    public Object searchChecked() {
        return registry.search(next(), now);
    }

    /** Baseline: one memory read that depends on the last, anywhere in as many cache lines as registrations. */
    @Benchmark
    public int baselineDependentRead() {
        link = chain[link];
        return link;
    }

    /** Baseline: the same random key looked up in a plain map. */
    @Benchmark
    public PeerName baselineHashMapGet() {
        return baseline.get(next());
    }
}
