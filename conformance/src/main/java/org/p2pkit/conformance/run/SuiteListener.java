package org.p2pkit.conformance.run;

/** Hears about a suite run while it goes, for progress displays. */
public interface SuiteListener {
    SuiteListener SILENT = verdict -> {
    };

    /** A case has its verdict. */
    void finished(Verdict verdict);
}
