package org.p2pkit.conformance.run;

import java.util.List;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Level;

/** One case on its way to a verdict: its wire log, the step it is at, and how it ended. */
final class CaseRun {
    private final ConformanceCase testCase;
    private final long start = System.nanoTime();
    private final WireLog log = new WireLog();
    private int step;
    private Outcome outcome = Outcome.PASS;
    private String summary;
    private List<Verdict.Mismatch> mismatches = List.of();
    private String hex;

    CaseRun(ConformanceCase testCase) {
        this.testCase = testCase;
        this.summary = "all " + testCase.steps().size() + " steps as expected";
    }

    WireLog log() {
        return log;
    }

    /** Moves to the next step, numbered from 1 in reports. */
    void nextStep() {
        step++;
    }

    /**
     * A step did not get what it expects. When the target ended meanwhile ({@code ended} says
     * how), that is the verdict's cause: an error, not a failure.
     */
    void failed(CaseFailure failure, String ended) {
        outcome = failure.skipped() ? Outcome.SKIPPED : ended != null ? Outcome.ERROR
                : testCase.level() == Level.MUST ? Outcome.FAIL : Outcome.NON_STRICT;
        summary = "step " + step + ": " + failure.getMessage() + (ended != null ? " (the target ended: " + ended + ")" : "");
        mismatches = failure.mismatches();
        hex = failure.actual() == null ? null : HexDump.of(failure.actual());
    }

    /** The harness itself could not go on. */
    void harnessFailed(Exception e) {
        outcome = Outcome.ERROR;
        summary = "step " + step + ": the harness could not run the case: " + e;
    }

    Verdict verdict() {
        return new Verdict(testCase, outcome, summary, mismatches, hex, log.events(), (System.nanoTime() - start) / 1_000_000);
    }
}
