package org.p2pkit.conformance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.PduTemplate;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.Step;
import org.p2pkit.conformance.faulty.Fault;
import org.p2pkit.conformance.faulty.RestartingIndex;
import org.p2pkit.conformance.faulty.SmallIndex;

/**
 * A target that crashes or hangs mid-run: the cases it takes down get error verdicts, every other
 * case gets the verdict a correct index gets, and the run ends.
 */
class CrashAndHangTest {
    private static final Selection STRICT = new Selection(List.of(), List.of(), true);

    @Test
    void anIndexThatCrashesOnListsErrsOnTheCasesThatListAndPassesTheOthers() {
        try (RestartingIndex target = new RestartingIndex(Fault.CRASH_ON_LIST)) {
            List<Verdict> verdicts = new IndexSuite(target, 300).run(ExchangeLoader.builtIn(), STRICT, SuiteListener.SILENT);
            for (Verdict v : verdicts) {
                if (lists(v.testCase())) {
                    assertEquals(Outcome.ERROR, v.outcome(), v.testCase().id() + ": " + v.summary());
                    assertTrue(v.summary().contains("the target ended: crashed"), v.summary());
                } else {
                    assertEquals(Outcome.PASS, v.outcome(), v.testCase().id() + " gets its correct verdict: " + v.summary());
                }
            }
            assertTrue(target.starts() > 1, "the harness restarted the target");
        }
    }

    @Test
    void aHungTargetThatCannotBeRestartedErrsOnTheCasesLeftButTheRunEnds() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of(Fault.HANG_ON_DEREGISTRATION))) {
            List<Verdict> verdicts = new IndexSuite(index, 300).run(ExchangeLoader.builtIn(), STRICT, SuiteListener.SILENT);
            int firstDown = indexOfFirst(verdicts, Outcome.ERROR);
            assertTrue(firstDown >= 0, "the hang was noticed");
            assertTrue(verdicts.subList(0, firstDown).stream().allMatch(v -> v.outcome() == Outcome.PASS), "cases before it passed");
            assertTrue(verdicts.subList(firstDown, verdicts.size()).stream().allMatch(v -> v.outcome() == Outcome.ERROR),
                    "every case after it is an error, not a failure of the rule it checks");
        }
    }

    /** Whether a case sends a list request, which the faulty index crashes on. */
    private static boolean lists(ConformanceCase c) {
        return c.steps().stream().anyMatch(step -> step instanceof Step.Send send && (send.pdu() instanceof PduTemplate.Fields f
                ? f.message().equals("ListRequest") : ((PduTemplate.Raw) send.pdu()).text().startsWith("O")));
    }

    private static int indexOfFirst(List<Verdict> verdicts, Outcome outcome) {
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i).outcome() == outcome) {
                return i;
            }
        }
        return -1;
    }
}
