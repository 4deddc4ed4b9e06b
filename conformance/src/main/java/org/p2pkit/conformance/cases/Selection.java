package org.p2pkit.conformance.cases;

import java.util.List;

/**
 * Which cases run: ids or id prefixes to include (all when empty) and to exclude, and whether
 * SHOULD cases run (strict mode).
 */
public record Selection(List<String> include, List<String> exclude, boolean strict) {
    public static final Selection ALL = new Selection(List.of(), List.of(), false);

    public Selection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public boolean selects(ConformanceCase c) {
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> matches(p, c.id()));
        return included && exclude.stream().noneMatch(p -> matches(p, c.id()));
    }

    private static boolean matches(String pattern, String id) {
        return id.equals(pattern) || id.startsWith(pattern.endsWith("/") ? pattern : pattern + "/");
    }
}
