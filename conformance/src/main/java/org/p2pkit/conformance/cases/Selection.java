package org.p2pkit.conformance.cases;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which cases run: ids or id prefixes to include (all when empty) and to exclude, whether
 * SHOULD cases run (strict mode), and the profiles whose cases run.
 */
public record Selection(List<String> include, List<String> exclude, boolean strict, Set<Profile> profiles) {
    public static final Selection ALL = new Selection(List.of(), List.of(), false);

    public Selection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        profiles = Set.copyOf(profiles);
    }

    /** The cases of every profile. */
    public Selection(List<String> include, List<String> exclude, boolean strict) {
        this(include, exclude, strict, EnumSet.allOf(Profile.class));
    }

    /** The same cases, of these profiles only. */
    public Selection only(Set<Profile> chosen) {
        return new Selection(include, exclude, strict, chosen);
    }

    public boolean selects(ConformanceCase c) {
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> matches(p, c.id()));
        return included && profiles.contains(c.profile()) && exclude.stream().noneMatch(p -> matches(p, c.id()));
    }

    private static boolean matches(String pattern, String id) {
        return id.equals(pattern) || id.startsWith(pattern.endsWith("/") ? pattern : pattern + "/");
    }
}
