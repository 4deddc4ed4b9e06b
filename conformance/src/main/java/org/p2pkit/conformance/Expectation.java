package org.p2pkit.conformance;

import java.util.Map;

/** One acceptable outcome of an expect step. */
public sealed interface Expectation {
    /** A PDU of the given message kind whose fields (and optionally raw text) match. */
    record Pdu(String message, Map<String, FieldMatcher> fields, FieldMatcher text) implements Expectation {
        public Pdu {
            fields = Map.copyOf(fields);
        }
    }

    /** Nothing arrives for the role within the given time. */
    record Nothing(int withinMillis) implements Expectation {
    }
}
