package org.p2pkit.model;

import java.util.Map;

/** A: the index accepted a request; the text is unspecified and usually empty (spec IDX-REG-2). */
public record Acknowledgement(String text) implements Message {
    public static final Acknowledgement EMPTY = new Acknowledgement("");

    public Acknowledgement {
        TextRule.check("acknowledgement text", text);
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("text", text);
    }
}
