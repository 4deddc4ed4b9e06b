package org.p2pkit.conformance.cases;

import java.util.Map;

/** One acceptable outcome of an expect step. */
public sealed interface Expectation {
    /**
     * A PDU of the given message kind whose fields (and optionally raw text) match; with
     * {@code zeroTail}, every byte after the NUL is zero (FRAME-7).
     */
    record Pdu(String message, Map<String, FieldMatcher> fields, FieldMatcher text, boolean zeroTail) implements Expectation {
        public Pdu {
            fields = Map.copyOf(fields);
        }
    }

    /** Nothing arrives for the role within the given time. */
    record Nothing(int withinMillis) implements Expectation {
    }
}
