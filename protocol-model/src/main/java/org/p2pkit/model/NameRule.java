package org.p2pkit.model;

/** The common rule for peer and content names (spec/PROTOCOL.md NAME-1). */
final class NameRule {
    static final int MAX_LENGTH = 9;

    private NameRule() {
    }

    static String check(String kind, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(kind + " is empty (NAME-1)");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(kind + " '" + value + "' has " + value.length()
                    + " characters, at most " + MAX_LENGTH + " are allowed (NAME-1)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException(kind + " '" + value + "' has a "
                        + (c > '~' ? "non-ASCII" : "space or control") + " character at position " + i
                        + "; only printable ASCII is allowed (NAME-1)");
            }
            if (c == ',' || c == '/' || c == '*') {
                throw new IllegalArgumentException(kind + " '" + value + "' contains '" + c
                        + "' at position " + i + "; ',', '/' and '*' are reserved (NAME-1)");
            }
        }
        return value;
    }

    static String padded(String value) {
        return value + " ".repeat(MAX_LENGTH - value.length());
    }
}
