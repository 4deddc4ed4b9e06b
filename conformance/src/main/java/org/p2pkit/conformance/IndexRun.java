package org.p2pkit.conformance;

import java.io.IOException;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.run.AnnouncedProfile;
import org.p2pkit.conformance.run.IndexSuite;
import org.p2pkit.conformance.run.ProfileChoice;
import org.p2pkit.conformance.targets.IndexTarget;

/** The index cases of a plan against one index, in the profiles chosen or announced by it. */
final class IndexRun {
    private IndexRun() {
    }

    static int report(RunOptions options, RunOptions.Plan plan, IndexTarget index) throws IOException {
        ProfileChoice profiles = plan.profiles(() -> AnnouncedProfile.index(index.address(), options.timeoutMillis));
        return options.report(plan, index.describe() + ", " + profiles.describe(), plan.selected(TargetKind.INDEX, profiles),
                (cases, selection, console) -> new IndexSuite(index, options.timeoutMillis).run(cases, selection.only(profiles.profiles()), console));
    }
}
