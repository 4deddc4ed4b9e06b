package org.p2pkit.index;

import java.util.List;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Generated sequences of steps for the properties that replay operations against a simpler model. */
final class Steps {
    /** The share of drawn steps left out; enough for the shrinker to reach, small enough to keep sequences long. */
    private static final int PERCENT_LEFT_OUT = 10;

    private Steps() {
    }

    /**
     * Sequences of {@code minSize..maxSize} drawn steps, each of which may be left out.
     * QuickTheories shrinks a list only by cutting its end; a step that may be absent lets the
     * shrinker drop steps from the middle too, so a counterexample keeps only the steps it needs.
     */
    static <T> Gen<List<T>> sequences(Gen<T> step, int minSize, int maxSize) {
        return SourceDSL.lists().of(step.toOptionals(PERCENT_LEFT_OUT)).ofSizeBetween(minSize, maxSize)
                .map(steps -> steps.stream().flatMap(Optional::stream).toList());
    }
}
