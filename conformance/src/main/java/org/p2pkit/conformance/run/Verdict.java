package org.p2pkit.conformance.run;

import java.util.List;
import org.p2pkit.conformance.cases.ConformanceCase;

/**
 * The result of one case: the outcome, a one-line summary, the expected and actual values where a
 * check failed, and everything that crossed the wire.
 */
public record Verdict(ConformanceCase testCase, Outcome outcome, String summary, List<Mismatch> mismatches,
                      String actualHex, List<WireEvent> wire, long millis) {
    public Verdict {
        mismatches = List.copyOf(mismatches);
        wire = List.copyOf(wire);
    }

    /** A SHOULD case outside strict mode: not run, and the console and reports say how to run it. */
    static Verdict shouldNotRun(ConformanceCase testCase) {
        return new Verdict(testCase, Outcome.SKIPPED, "a SHOULD case; run with --strict to check it", List.of(), null, List.of(), 0);
    }

    /** One named field (or aspect) that differed. */
    public record Mismatch(String field, String expected, String actual) {
    }
}
