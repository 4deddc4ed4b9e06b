package org.p2pkit.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ordered field maps of {@link Message#fields()}. */
final class FieldMap {
    private FieldMap() {
    }

    static Map<String, String> of(Object... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return Collections.unmodifiableMap(fields);
    }
}
