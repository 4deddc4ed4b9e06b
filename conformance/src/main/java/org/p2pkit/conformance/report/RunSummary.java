package org.p2pkit.conformance.report;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.Verdict;
import org.p2pkit.model.ToolkitVersion;

/**
 * One finished run of the suite, as the JSON, JUnit XML and HTML reports present it: the target, when
 * the run started, how long it took and the verdict on every case, in the order the cases ran.
 */
public record RunSummary(String target, Instant started, long durationMillis, List<Verdict> verdicts) {
    /** The name the reports give the suite. */
    public static final String TOOL = "p2p-conformance";

    public RunSummary {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(started, "started");
        verdicts = List.copyOf(verdicts);
    }

    /** How many cases ended with each outcome; every outcome is present, with 0 where none did. */
    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        verdicts.forEach(v -> counts.merge(v.outcome(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    public int count(Outcome outcome) {
        return counts().get(outcome);
    }

    /** True when no case failed or erred: the rule behind exit status 0 (the same as the console's). */
    public boolean conformant() {
        return ConsoleReport.passed(verdicts);
    }

    /** The version of the suite, the toolkit's. */
    public static String version() {
        return ToolkitVersion.get();
    }
}
