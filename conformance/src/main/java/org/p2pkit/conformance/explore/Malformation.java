package org.p2pkit.conformance.explore;

import java.util.List;

/**
 * The bad input the explorer mixes in (spec/PROTOCOL.md section 5.5, table of bad input), each
 * with the one reply the spec allows: none, or an E whose reason starts as {@code reply} says.
 * Each is bad in one field only, so the spec fixes the field and offset of RECV-5's reason.
 */
enum Malformation {
    SHORT("S<%s>,<%s>", 40, null, "RECV-4"),
    UNKNOWN_TYPE("X<%s>,<%s>", 101, null, "RECV-2"),
    REPLY_TYPE("E<%s>,<%s>", 101, null, "RECV-3"),
    LONG("S<%s>,<%s>", 150, "Malformed PDU: ", "RECV-7"),
    NO_SEPARATOR("R<%s> <%s>,127.0.0.1/1        ", 101, "Malformed PDU: sep_content at offset 10: ", "RECV-5"),
    EMPTY_NAME("S         ,<%2$s>", 101, "Malformed PDU: peer_name at offset 1: ", "RECV-5"),
    BAD_CONTENT_NAME("T<%s>,a/b      ", 101, "Malformed PDU: content_name at offset 11: ", "RECV-5"),
    NO_NUL("S<%s>,<%s>x", 101, "Malformed PDU: end at offset 20: ", "RECV-5"),
    BAD_LEAVE("Ta/b      ,*********", 101, "Malformed PDU: peer_name at offset 1: ", "RECV-5");

    private final String text;
    private final int length;
    private final String reply;
    private final String requirement;

    Malformation(String text, int length, String reply, String requirement) {
        this.text = text;
        this.length = length;
        this.reply = reply;
        this.requirement = requirement;
    }

    /** The raw text of the exchange format, {@code <name>} standing for a name padded to 9. */
    String text(String sender, String content) {
        return String.format(text, sender, content);
    }

    int length() {
        return length;
    }

    /** How the reason of the E reply starts; null when the index must not reply. */
    String reply() {
        return reply;
    }

    List<String> requirements() {
        return List.of(requirement, "RECV-1");
    }
}
