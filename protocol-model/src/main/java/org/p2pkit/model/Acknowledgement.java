package org.p2pkit.model;

import java.util.Map;

/**
 * A: the index accepted a request; the text is unspecified and usually empty (spec IDX-REG-2). An
 * extended index that kept the stamp of the R it acknowledges says so (EXT-5).
 */
public record Acknowledgement(String text, boolean stampKept) implements Message {
    public static final Acknowledgement EMPTY = new Acknowledgement("");
    /** The answer of an extended index to an R with a stamp. */
    public static final Acknowledgement STAMP_KEPT = new Acknowledgement("", true);

    public Acknowledgement {
        TextRule.check("acknowledgement text", text);
    }

    /** A classic acknowledgement. */
    public Acknowledgement(String text) {
        this(text, false);
    }

    @Override
    public Map<String, String> fields() {
        return stampKept ? FieldMap.of("text", text, "stamp", "kept") : FieldMap.of("text", text);
    }
}
