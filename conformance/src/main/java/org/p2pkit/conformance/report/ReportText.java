package org.p2pkit.conformance.report;

import java.util.HexFormat;

/** Text helpers the file reports share. */
final class ReportText {
    private ReportText() {
    }

    /**
     * The text with every character that XML 1.0 forbids or that a reader would not see written as an
     * escape a protocol engineer reads in any font: C0 controls (bar tab and line feed), DEL and C1
     * controls as {@code \xNN}, unpaired surrogates and the non-characters U+FFFE and U+FFFF as
     * a backslash, u and four hex digits. Wire text comes from the target, so it may hold anything.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = null;
            if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)) {
                escape = String.format("\\x%02x", (int) c);
            } else if (c == '\ufffe' || c == '\uffff') {
                escape = String.format("\\u%04x", (int) c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            } else if (Character.isSurrogate(c)) {
                escape = String.format("\\u%04x", (int) c);
            }
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The bytes as plain lower-case hex, two digits a byte; empty for none. */
    static String hex(byte[] bytes) {
        return bytes == null ? "" : HexFormat.of().formatHex(bytes);
    }

    /** Seconds with three decimals and a point, as JUnit XML's time attributes want. */
    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
