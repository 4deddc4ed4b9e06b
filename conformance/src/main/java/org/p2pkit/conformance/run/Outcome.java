package org.p2pkit.conformance.run;

/** The verdict on one case. */
public enum Outcome {
    /** The target did what the requirement asks. */
    PASS,
    /** A MUST is not met. */
    FAIL,
    /** A SHOULD is not met (strict mode only). */
    NON_STRICT,
    /** Not run: a precondition is missing, or a SHOULD case outside strict mode. */
    SKIPPED,
    /** The target crashed or stopped answering, or the harness could not run the case. */
    ERROR
}
