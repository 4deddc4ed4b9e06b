package org.p2pkit.conformance.explore;

import java.util.List;
import org.p2pkit.conformance.run.Verdict;

/**
 * Where a target first differed from the model: the step (1-based) and its request, what differs
 * field by field, and the requirements that decide the expected reply.
 */
record Divergence(int step, Action action, String summary, List<Verdict.Mismatch> mismatches, List<String> requirements) {
    Divergence {
        mismatches = List.copyOf(mismatches);
        requirements = List.copyOf(requirements);
    }

    /** The field diff, one line per field. */
    String diff() {
        StringBuilder out = new StringBuilder();
        for (Verdict.Mismatch m : mismatches) {
            out.append(String.format("  %-12s expected %s%n  %-12s actual   %s%n", m.field(), m.expected(), "", m.actual()));
        }
        return out.toString();
    }
}
