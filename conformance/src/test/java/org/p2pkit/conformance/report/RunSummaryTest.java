package org.p2pkit.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.p2pkit.conformance.run.Outcome;

class RunSummaryTest {
    @Test
    void countsEveryOutcomeIncludingThoseThatDidNotOccur() {
        RunSummary run = new RunSummary("t", ReportFixtures.STARTED, 0, List.of(ReportFixtures.passing(), ReportFixtures.passing(), ReportFixtures.failing()));
        assertEquals(Map.of(Outcome.PASS, 2, Outcome.FAIL, 1, Outcome.NON_STRICT, 0, Outcome.SKIPPED, 0, Outcome.ERROR, 0), run.counts());
        assertEquals(2, run.count(Outcome.PASS));
    }

    @Test
    void isConformantOnlyWhenNothingFailedOrErred() {
        assertTrue(ReportFixtures.conformantRun().conformant(), "pass, skipped and non-strict are conformant");
        assertTrue(new RunSummary("t", ReportFixtures.STARTED, 0, List.of()).conformant());
        assertFalse(new RunSummary("t", ReportFixtures.STARTED, 0, List.of(ReportFixtures.passing(), ReportFixtures.failing())).conformant());
        assertFalse(new RunSummary("t", ReportFixtures.STARTED, 0, List.of(ReportFixtures.passing(), ReportFixtures.error())).conformant());
    }
}
