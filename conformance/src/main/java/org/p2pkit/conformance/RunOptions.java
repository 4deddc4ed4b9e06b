package org.p2pkit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeFormatException;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.report.ConsoleReport;
import org.p2pkit.conformance.report.HtmlReport;
import org.p2pkit.conformance.report.JUnitXmlReport;
import org.p2pkit.conformance.report.JsonReport;
import org.p2pkit.conformance.report.RunSummary;
import org.p2pkit.conformance.run.ProfileChoice;
import org.p2pkit.conformance.run.SuiteListener;
import org.p2pkit.conformance.run.Verdict;
import picocli.CommandLine.Option;

/** Options every run shares: which cases, how strictly, how long to wait, and where the reports go. */
final class RunOptions {
    @Option(names = "--include", split = ",", paramLabel = "ID", description = "Run only these cases or groups (id or id prefix, e.g. index/search).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "ID", description = "Leave out these cases or groups.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--strict", description = "Also run the SHOULD cases; one not met is reported as non-strict.")
    boolean strict;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Which cases run: classic, extended (the extended profile's own cases) or all (default: what the target announces, else classic).")
    String profile;

    @Option(names = "--timeout", defaultValue = "1000", paramLabel = "MS", description = "How long to wait for each reply (default: ${DEFAULT-VALUE} ms).")
    int timeoutMillis;

    @Option(names = "--exchanges", paramLabel = "DIR", description = "Read the cases from this folder instead of the built-in spec/exchanges.")
    Path exchanges;

    @Option(names = {"-v", "--verbose"}, description = "Show the wire log of every case that did not pass.")
    boolean verbose;

    @Option(names = "--color", negatable = true, description = "Colour the console report (default: on a terminal).")
    Boolean colour;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML, for CI.")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML report: per case the requirement, the verdict and the wire log.")
    Path html;

    /**
     * What a run will do, settled before any target starts: the cases it selects, the profiles
     * chosen (null: those the target announces), and report files that can be written.
     */
    record Plan(List<ConformanceCase> cases, Selection selection, ProfileChoice chosen, Path json, Path junit, Path html) {
        /** The profiles to run on a target: those chosen, else those it announces (asked only then). */
        ProfileChoice profiles(BooleanSupplier announcesExtended) {
            return chosen != null ? chosen : ProfileChoice.announced(announcesExtended.getAsBoolean());
        }

        /** How many cases of a kind run under a choice of profiles. */
        int selected(TargetKind kind, ProfileChoice profiles) {
            Selection chosenCases = selection.only(profiles.profiles());
            return (int) cases.stream().filter(c -> c.target() == kind && chosenCases.selects(c)).count();
        }
    }

    /** A suite of one role, or both, run under a plan. */
    interface Suite {
        List<Verdict> run(List<ConformanceCase> cases, Selection selection, SuiteListener listener);
    }

    /** The plan for a run over cases of these kinds; a setup error when it would check nothing. */
    Plan plan(Set<TargetKind> kinds) throws SetupException {
        List<ConformanceCase> cases = loadCases(exchanges);
        ProfileChoice chosen;
        try {
            chosen = profile == null ? null : ProfileChoice.chosen(profile);
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage());
        }
        Selection selection = new Selection(include, exclude, strict);
        Selection counted = chosen == null ? selection : selection.only(chosen.profiles());
        int selected = (int) cases.stream().filter(c -> kinds.contains(c.target()) && counted.selects(c)).count();
        if (selected == 0) {
            throw new SetupException("no case selected: " + (include.isEmpty() && exclude.isEmpty() && chosen == null
                    ? "the exchanges hold no case for this target"
                    : "--include, --exclude and --profile leave none of the " + cases.size() + " cases; `p2p-conformance list` shows them"));
        }
        return new Plan(cases, selection, chosen, ReportFiles.writable("--json", json),
                ReportFiles.writable("--junit", junit), ReportFiles.writable("--html", html));
    }

    /** Runs the plan's cases, {@code selected} of them, prints the console report, writes the report files; the exit status. */
    int report(Plan plan, String target, int selected, Suite suite) throws IOException {
        PrintStream out = System.out;
        ConsoleReport console = new ConsoleReport(out, colour != null ? colour : System.console() != null && !"dumb".equals(System.getenv("TERM")), verbose);
        long start = System.nanoTime();
        Instant started = Instant.now();
        console.header(target, selected);
        List<Verdict> verdicts = suite.run(plan.cases(), plan.selection(), console);
        RunSummary run = new RunSummary(target, started, (System.nanoTime() - start) / 1_000_000, verdicts);
        console.summary(verdicts, run.durationMillis());
        if (plan.json() != null) {
            JsonReport.write(run, plan.json());
            out.println("JSON report: " + plan.json());
        }
        if (plan.junit() != null) {
            JUnitXmlReport.write(run, plan.junit());
            out.println("JUnit report: " + plan.junit());
        }
        if (plan.html() != null) {
            HtmlReport.write(run, plan.html());
            out.println("HTML report: " + plan.html());
        }
        return run.conformant() ? 0 : 1;
    }

    /** The built-in cases, or those of a folder; a setup error for a folder that is missing, empty or malformed. */
    static List<ConformanceCase> loadCases(Path folder) throws SetupException {
        if (folder == null) {
            return ExchangeLoader.builtIn();
        }
        if (!Files.isDirectory(folder)) {
            throw new SetupException("--exchanges " + folder + ": " + (Files.exists(folder) ? "not a folder" : "no such folder")
                    + "; give a folder of exchange files (*.yaml) like spec/exchanges");
        }
        List<ConformanceCase> cases;
        try {
            cases = ExchangeLoader.fromDirectory(folder);
        } catch (IOException e) {
            throw new SetupException("--exchanges " + folder + ": cannot read it (" + e.getMessage() + ")");
        } catch (ExchangeFormatException e) {
            throw new SetupException("--exchanges " + folder + ": " + e.getMessage() + " (the format: spec/exchanges/README.md)");
        }
        if (cases.isEmpty()) {
            throw new SetupException("no case selected: " + folder + " holds no exchange file (*.yaml)");
        }
        return cases;
    }
}
