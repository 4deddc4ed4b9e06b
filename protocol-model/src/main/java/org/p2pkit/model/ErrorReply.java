package org.p2pkit.model;

import java.util.Map;

/**
 * E: a request failed, with a reason for a person (spec ERR-1). The texts that close a list
 * are {@link ListEnd}, not errors.
 */
public record ErrorReply(String reason) implements Message {
    public ErrorReply {
        TextRule.check("error reason", reason);
        if (ListEndText.parse(reason) != null) {
            throw new IllegalArgumentException("'" + reason + "' is the list end marker, not an error reason (IDX-LIST-3)");
        }
    }

    @Override
    public Map<String, String> fields() {
        return FieldMap.of("reason", reason);
    }
}
