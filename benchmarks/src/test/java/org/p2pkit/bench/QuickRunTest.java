package org.p2pkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The CI smoke run: every benchmark runs once, briefly, at its smallest size. It asserts no numbers. */
class QuickRunTest {
    @Test
    void everyBenchmarkProducesAResult() throws Exception {
        Options quick = new OptionsBuilder()
                .include("org\\.p2pkit\\.bench\\..*")
                .forks(0) // in this JVM: the test's classpath is the benchmarks'
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .param("mebibytes", "1")
                .param("registrations", "1000")
                .shouldFailOnError(true)
                .output("target/jmh-smoke.txt") // the smoke run proves the benchmarks run; its numbers mean nothing, so the build log skips them
                .build();
        // JMH allows one run per machine (/tmp/jmh.lock) so that measurements do not disturb each
        // other; the smoke run measures nothing, and must not fail beside another build's JMH run.
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results = new Runner(quick).run();
        Set<String> ran = new TreeSet<>();
        results.forEach(r -> ran.add(r.getParams().getBenchmark().replace("org.p2pkit.bench.", "")));
        assertEquals(new TreeSet<>(List.of(
                "CodecBenchmark.baselineCopy", "CodecBenchmark.bulkFramePiece", "CodecBenchmark.decode", "CodecBenchmark.encode",
                "ConformanceRunBenchmark.embeddedSuite", "RegistryLookupBenchmark.baselineDependentRead", "RegistryLookupBenchmark.baselineHashMapGet", "RegistryLookupBenchmark.search",
                "RegistryLookupBenchmark.searchChecked", "RegistryWriteBenchmark.baselineHashMapPutRemove",
                "RegistryWriteBenchmark.registerAndDeregister",
                "TransferBenchmark.peerDownloadClassic", "TransferBenchmark.peerDownloadExtended", "TransferBenchmark.rawSocketCopy", "UdpLookupBenchmark.search")), ran);
    }
}
