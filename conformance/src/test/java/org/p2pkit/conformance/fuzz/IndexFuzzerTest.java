package org.p2pkit.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.faulty.Fault;
import org.p2pkit.conformance.faulty.RestartingIndex;
import org.p2pkit.conformance.faulty.SmallIndex;
import org.p2pkit.conformance.report.ConsoleReport;
import org.p2pkit.conformance.run.IndexSuite;
import org.p2pkit.conformance.run.SuiteListener;
import org.p2pkit.conformance.run.Verdict;

class IndexFuzzerTest {
    @Test
    void aCorrectIndexSurvivesTheFuzzRunAndStillPassesTheSuite() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of())) {
            IndexFuzzer.Result result = new IndexFuzzer(index, 500).run(42, 400);
            assertTrue(result.survived(), String.join("\n", result.findings()));
            assertEquals(400, result.sent());
            List<Verdict> after = new IndexSuite(index, 500).run(ExchangeLoader.builtIn(), new Selection(List.of("index/search", "index/list"), List.of(), false), SuiteListener.SILENT);
            assertTrue(ConsoleReport.passed(after));
        }
    }

    @Test
    void theRunRemovesThePeersItsInputsRegistered() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of())) {
            IndexFuzzer.Result result = new IndexFuzzer(index, 500).run(42, 400);
            assertTrue(result.cleanup().matches("cleanup: removed the \\d+ peers the inputs registered; none is listed"), result.cleanup());
        }
    }

    @Test
    void aPeerTheIndexKeepsAfterTheCleanupIsNamed() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of(Fault.IGNORES_LEAVE))) {
            IndexFuzzer.Result result = new IndexFuzzer(index, 500).run(42, 400);
            assertTrue(result.cleanup().startsWith("cleanup FAILED: ") && result.cleanup().contains("fz"), result.cleanup());
        }
    }

    @Test
    void anIndexThatCrashesOnOneKindOfInputIsFoundWithTheSeedAndTheBytes() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of(Fault.CRASH_ON_LIST))) {
            IndexFuzzer.Result result = new IndexFuzzer(index, 300).run(7, 400);
            assertFalse(result.survived());
            String finding = result.findings().get(0);
            assertTrue(finding.contains("stopped answering") && finding.contains("seed 7"), finding);
            assertTrue(finding.matches("(?s).*#\\d+ 4f[0-9a-f]+.*"), "names the bytes of an O input: " + finding);
        }
    }

    @Test
    void onATargetThatCanBeRestartedTheFindingIsTheOneInputThatStopsIt() throws Exception {
        try (RestartingIndex index = new RestartingIndex(Fault.CRASH_ON_LIST)) {
            IndexFuzzer.Result result = new IndexFuzzer(index, 300).run(7, 400);
            String finding = result.findings().get(0);
            assertTrue(finding.matches("(?s)input (\\d+) \\(seed 7\\) stops the target.*#\\1 4f[0-9a-f]+"), finding);
            assertTrue(index.starts() > 1, "restarted to replay");
        }
    }

    @Test
    void anIndexWithShortRepliesIsFound() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of(Fault.SHORT_REPLIES))) {
            IndexFuzzer.Result result = new IndexFuzzer(index, 300).run(3, 200);
            assertTrue(result.findings().stream().anyMatch(f -> f.contains("a reply of 60 bytes (FRAME-4)")), result.findings().toString());
        }
    }

    @Test
    void theSameSeedGivesTheSameInputs() {
        IndexFuzzer.Inputs a = new IndexFuzzer.Inputs(99);
        IndexFuzzer.Inputs b = new IndexFuzzer.Inputs(99);
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(a.next(), b.next());
        }
    }
}
