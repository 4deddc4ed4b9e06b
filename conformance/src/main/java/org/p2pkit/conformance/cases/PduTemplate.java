package org.p2pkit.conformance.cases;

import java.util.Map;

/** What a send step puts on the wire: a message by its fields, or raw bytes for malformed input. */
public sealed interface PduTemplate {
    /** A message by record name and field values, as {@code Message.fields()} names them. */
    record Fields(String message, Map<String, String> fields) implements PduTemplate {
        public Fields {
            fields = Map.copyOf(fields);
        }
    }

    /**
     * Raw bytes: {@code text} (characters as ISO-8859-1 bytes, {@code <name>} for a case name padded
     * to 9) NUL-filled or cut to {@code length}.
     */
    record Raw(String text, int length) implements PduTemplate {
    }
}
