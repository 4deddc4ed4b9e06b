package org.p2pkit.conformance;

import java.util.List;
import java.util.Map;

/** One step of a case: the harness, playing {@code role}, sends or expects. */
public sealed interface Step {
    String role();

    /** The role sends one PDU to the target. */
    record Send(String role, PduTemplate pdu) implements Step {
    }

    /** The role receives one of the alternatives within the time limit. */
    record Expect(String role, List<Expectation> alternatives) implements Step {
        public Expect {
            alternatives = List.copyOf(alternatives);
        }
    }

    /**
     * The role receives a whole list reply, following continuations, and finds the given entries
     * of its own peers in this order (entries of other peers are ignored); {@code entries} maps a
     * peer to its contents. With {@code exactText}, each entry of the case's peers must also be
     * byte for byte the classic form (names padded, 8 separators).
     */
    record ExpectList(String role, String asker, List<Map.Entry<String, List<String>>> entries, boolean exactText) implements Step {
        public ExpectList {
            entries = List.copyOf(entries);
        }
    }
}
