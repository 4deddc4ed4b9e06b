package org.p2pkit.conformance.cases;

import java.util.Map;

/** What a send step puts on the wire: a message by its fields, or raw bytes or a golden vector for malformed input. */
public sealed interface PduTemplate {
    /**
     * A message by record name and field values, as {@code Message.fields()} names them, with a
     * planted tail or none ({@link Tail#NONE}).
     */
    record Fields(String message, Map<String, String> fields, Tail tail) implements PduTemplate {
        public Fields {
            fields = Map.copyOf(fields);
        }

        public Fields(String message, Map<String, String> fields) {
            this(message, fields, Tail.NONE);
        }
    }

    /**
     * Leftovers planted after the NUL, which an extended receiver must not take for a block (EXT-2):
     * {@code corruptCheck} changes the check of the message's own block; {@code copiedFrom} is
     * another PDU whose tail replaces the message's (a stale block).
     */
    record Tail(boolean corruptCheck, Fields copiedFrom) {
        public static final Tail NONE = new Tail(false, null);
    }

    /**
     * Raw bytes: {@code text} (characters as ISO-8859-1 bytes, {@code <name>} for a case name padded
     * to 9) NUL-filled or cut to {@code length}.
     */
    record Raw(String text, int length) implements PduTemplate {
    }

    /**
     * The bytes of golden vector {@code name} of spec/vectors, sent as they are: a PDU the model
     * refuses to build, whose extension block needs its check (a D whose offset has no digest).
     */
    record Vector(String name, byte[] bytes) implements PduTemplate {
        public Vector {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
