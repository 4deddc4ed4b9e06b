package org.p2pkit.model;

import java.util.Map;

/**
 * E that closes a list reply: the list is complete ({@code continueAt == 0}), or the client asks
 * again from entry {@code continueAt} for the rest (spec IDX-LIST-3, IDX-LIST-5).
 */
public record ListEnd(int continueAt) implements Message {
    public static final ListEnd COMPLETE = new ListEnd(0);

    public ListEnd {
        if (continueAt < 0) {
            throw new IllegalArgumentException("list continuation " + continueAt + " is negative (IDX-LIST-5)");
        }
    }

    public boolean isComplete() {
        return continueAt == 0;
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("continue_at", continueAt);
    }
}
