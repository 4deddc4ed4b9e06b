package org.p2pkit.conformance.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Typed access to a parsed YAML tree, with errors that say where the exchange file is wrong. */
final class YamlTree {
    private YamlTree() {
    }

    static void unknownKeys(Map<String, Object> map, Set<String> allowed, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new ExchangeFormatException(where, "unknown key '" + key + "'");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new ExchangeFormatException(where, "expected a mapping");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String where) {
        if (!(value instanceof List)) {
            throw new ExchangeFormatException(where, "expected a list");
        }
        return (List<Object>) value;
    }

    static String string(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            throw new ExchangeFormatException(where, "'" + key + "' is missing");
        }
        return String.valueOf(value);
    }

    static int integer(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (!(value instanceof Integer i)) {
            throw new ExchangeFormatException(where, "'" + key + "' must be a whole number");
        }
        return i;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExchangeFormatException(where, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static boolean flag(Map<String, Object> map, String key) {
        return Boolean.TRUE.equals(map.get(key));
    }
}
