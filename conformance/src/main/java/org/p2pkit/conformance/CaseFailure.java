package org.p2pkit.conformance;

import java.util.List;

/** Thrown inside a case when the target did not do what a step expects. */
final class CaseFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Verdict.Mismatch> mismatches;
    private final byte[] actual;

    CaseFailure(String summary, List<Verdict.Mismatch> mismatches, byte[] actual) {
        super(summary);
        this.mismatches = List.copyOf(mismatches);
        this.actual = actual == null ? null : actual.clone();
    }

    CaseFailure(String summary) {
        this(summary, List.of(), null);
    }

    List<Verdict.Mismatch> mismatches() {
        return mismatches;
    }

    byte[] actual() {
        return actual == null ? null : actual.clone();
    }
}
