package org.p2pkit.model;

/** The rule for the free texts of A and E PDUs (spec/PROTOCOL.md TEXT-1). */
final class TextRule {
    static final int MAX_LENGTH = 99;

    private TextRule() {
    }

    static String check(String kind, String text) {
        if (text == null) {
            throw new IllegalArgumentException(kind + " is null");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(kind + " has " + text.length() + " characters, at most "
                    + MAX_LENGTH + " fit in a PDU (TEXT-1)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c > 0x7f) {
                throw new IllegalArgumentException(kind + " has a " + (c == 0 ? "NUL" : "non-ASCII")
                        + " character at position " + i + " (TEXT-1)");
            }
        }
        return text;
    }
}
