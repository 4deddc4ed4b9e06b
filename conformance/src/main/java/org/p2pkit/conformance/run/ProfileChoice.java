package org.p2pkit.conformance.run;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.p2pkit.conformance.cases.Profile;

/**
 * The profiles whose cases a run takes, and why: chosen with {@code --profile}, or announced by
 * the target. A target that speaks the extended profile meets the classic requirements too
 * (spec section 11), so the extended profile announced runs the cases of both.
 */
public record ProfileChoice(Set<Profile> profiles, String reason) {
    public ProfileChoice {
        profiles = Set.copyOf(profiles);
    }

    /** The profiles the target announces: the extended profile's cases with the classic ones, or the classic ones. */
    public static ProfileChoice announced(boolean extended) {
        return new ProfileChoice(extended ? EnumSet.allOf(Profile.class) : EnumSet.of(Profile.CLASSIC), "announced by the target");
    }

    /**
     * The profiles of {@code --profile}: {@code classic}, {@code extended} (the extended profile's
     * own cases) or {@code all}.
     *
     * @throws IllegalArgumentException for another value
     */
    public static ProfileChoice chosen(String option) {
        Set<Profile> chosen = switch (option.toLowerCase(Locale.ROOT)) {
            case "classic" -> EnumSet.of(Profile.CLASSIC);
            case "extended" -> EnumSet.of(Profile.EXTENDED);
            case "all" -> EnumSet.allOf(Profile.class);
            default -> throw new IllegalArgumentException("--profile is classic, extended or all, not '" + option + "'");
        };
        return new ProfileChoice(chosen, "chosen by --profile");
    }

    /** For the report: e.g. "profile classic and extended, announced by the target". */
    public String describe() {
        return "profile " + String.join(" and ", EnumSet.copyOf(profiles).stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList())
                + ", " + reason;
    }
}
