package org.p2pkit.conformance.cases;

/** How the names and values a script writes become what travels in one case. */
public interface WireNames {
    /** The value of a field on the wire for the value the script gives. */
    String field(String field, String scripted);

    /** A raw text of the script with its placeholders filled in. */
    String text(String scripted);
}
