package org.p2pkit.conformance;

import java.util.List;

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

    /** One named field (or aspect) that differed. */
    public record Mismatch(String field, String expected, String actual) {
    }
}
