package org.p2pkit.conformance.cases;

import java.util.List;
import java.util.Map;

/**
 * One scripted exchange of spec/exchanges: what it checks and the steps that check it.
 *
 * @param otherHosts the roles that act from another source host than the others (SEC-1 to SEC-6)
 * @param servers the roles of an index case whose content server is up: {@code $role} is its address
 * @param profile the profile whose requirements the case checks
 */
public record ConformanceCase(String id, String title, Level level, TargetKind target,
                              List<Requirement> requirements, List<Step> steps, Map<String, FileSpec> files,
                              List<String> otherHosts, List<String> servers, Profile profile) {
    public ConformanceCase {
        requirements = List.copyOf(requirements);
        steps = List.copyOf(steps);
        files = Map.copyOf(files);
        otherHosts = List.copyOf(otherHosts);
        servers = List.copyOf(servers);
    }

    /** A classic case whose roles all act from one host and run no content server. */
    public ConformanceCase(String id, String title, Level level, TargetKind target,
                           List<Requirement> requirements, List<Step> steps, Map<String, FileSpec> files) {
        this(id, title, level, target, requirements, steps, files, List.of(), List.of(), Profile.CLASSIC);
    }

    /** The group the case belongs to: its id up to the last '/'. */
    public String group() {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }
}
