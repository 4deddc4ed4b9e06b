package org.p2pkit.conformance;

/** Hears about a suite run while it goes, for progress displays. */
public interface SuiteListener {
    SuiteListener SILENT = new SuiteListener() {
    };

    default void started(int total) {
    }

    default void finished(Verdict verdict, int done, int total) {
    }
}
