package org.p2pkit.conformance.cases;

import java.util.List;
import java.util.Map;

/** One scripted exchange of spec/exchanges: what it checks and the steps that check it. */
public record ConformanceCase(String id, String title, Level level, TargetKind target,
                              List<Requirement> requirements, List<Step> steps, Map<String, FileSpec> files) {
    public ConformanceCase {
        requirements = List.copyOf(requirements);
        steps = List.copyOf(steps);
        files = Map.copyOf(files);
    }

    /** The group the case belongs to: its id up to the last '/'. */
    public String group() {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }
}
