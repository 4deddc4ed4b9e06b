package org.p2pkit.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the ordered field maps of {@link Message#fields()}. */
final class FieldMap {
    private FieldMap() {
    }

    static Map<String, String> of(Object... namesAndValues) {
        return extend(Map.of(), namesAndValues);
    }

    /** The fields of {@code first}, then more. */
    static Map<String, String> extend(Map<String, String> first, Object... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>(first);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Classic fields, then the stamp's {@code size} and {@code sha256} when there is one (EXT-4, EXT-6). */
    static Map<String, String> withStamp(Map<String, String> classic, Optional<ContentStamp> stamp) {
        return stamp.map(s -> extend(classic, "size", s.size(), "sha256", s.sha256())).orElse(classic);
    }
}
