package org.p2pkit.conformance.run;

import java.util.List;

/** Thrown inside a case when the target did not do what a step expects. */
public final class CaseFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Verdict.Mismatch> mismatches;
    private final byte[] actual;
    private final boolean skip;

    public CaseFailure(String summary, List<Verdict.Mismatch> mismatches, byte[] actual) {
        this(summary, mismatches, actual, false);
    }

    private CaseFailure(String summary, List<Verdict.Mismatch> mismatches, byte[] actual, boolean skip) {
        super(summary);
        this.skip = skip;
        this.mismatches = List.copyOf(mismatches);
        this.actual = actual == null ? null : actual.clone();
    }

    public CaseFailure(String summary) {
        this(summary, List.of(), null);
    }

    /** The target lacks what the case needs to check its requirement: the case is skipped, not failed. */
    static CaseFailure skip(String reason) {
        return new CaseFailure(reason, List.of(), null, true);
    }

    boolean skipped() {
        return skip;
    }

    public List<Verdict.Mismatch> mismatches() {
        return mismatches;
    }

    byte[] actual() {
        return actual == null ? null : actual.clone();
    }
}
