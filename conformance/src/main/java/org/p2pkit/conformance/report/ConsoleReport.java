package org.p2pkit.conformance.report;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.cases.Requirement;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.SecurityFindings;
import org.p2pkit.conformance.run.SuiteListener;
import org.p2pkit.conformance.run.Verdict;
import org.p2pkit.conformance.run.WireEvent;

/** Prints progress while the suite runs and a readable summary after, in colour on a terminal. */
public final class ConsoleReport implements SuiteListener {
    private final PrintStream out;
    private final boolean colour;
    private final boolean verbose;
    /** The whole run is numbered as one, whichever suites it takes. */
    private int total;
    private int done;

    public ConsoleReport(PrintStream out, boolean colour, boolean verbose) {
        this.out = out;
        this.colour = colour;
        this.verbose = verbose;
    }

    public void header(String target, int cases) {
        total = cases;
        out.println("p2p conformance: " + target + ", " + cases + " cases");
    }

    @Override
    public void finished(Verdict v) {
        int width = Integer.toString(total).length();
        out.printf("  [%" + width + "d/%d] %s  %s  %s%n", ++done, total, label(v.outcome()), v.testCase().id(), v.testCase().title());
        if (v.outcome() == Outcome.SKIPPED) {
            out.println(indent(1) + "skipped: " + v.summary());
        }
        for (String finding : SecurityFindings.of(v)) {
            out.println(indent(1) + paint("33", "security finding") + " " + finding);
        }
        if (v.outcome() == Outcome.PASS || v.outcome() == Outcome.SKIPPED) {
            return;
        }
        for (Requirement r : v.testCase().requirements()) {
            out.println(indent(1) + r.id() + " (" + v.testCase().level() + "): \"" + r.quote() + "\"");
        }
        out.println(indent(1) + v.summary());
        for (Verdict.Mismatch m : v.mismatches()) {
            out.println(indent(2) + m.field() + ": expected " + m.expected());
            out.println(indent(2) + " ".repeat(m.field().length()) + "  actual   " + m.actual());
        }
        if (v.actualHex() != null) {
            out.println(indent(1) + "actual PDU:");
            v.actualHex().lines().forEach(line -> out.println(indent(2) + line));
        }
        if (verbose) {
            out.println(indent(1) + "wire:");
            for (WireEvent e : v.wire()) {
                out.println(indent(2) + wireLine(e));
            }
        }
    }

    /** The summary line and the exit status rule: 0 only when no MUST case failed or erred. */
    public void summary(List<Verdict> verdicts, long millis) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        verdicts.forEach(v -> counts.merge(v.outcome(), 1, Integer::sum));
        StringBuilder line = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            if (counts.containsKey(o)) {
                line.append(line.length() == 0 ? "" : ", ").append(counts.get(o)).append(' ').append(o.name().toLowerCase().replace('_', '-'));
            }
        }
        out.printf("%s in %.1f s: %s%n", verdicts.isEmpty() ? "no cases" : verdicts.size() + " cases", millis / 1000.0, line);
        long withFindings = verdicts.stream().filter(v -> !SecurityFindings.of(v).isEmpty()).count();
        if (withFindings > 0) {
            out.println(paint("33", "security findings") + " in " + withFindings + " cases (they do not change the verdict)");
        }
        out.println(passed(verdicts) ? paint("32", "CONFORMANT") + " (every MUST case passed)"
                : paint("31", "NOT CONFORMANT") + " (a MUST case failed or could not run)");
    }

    public static boolean passed(List<Verdict> verdicts) {
        return verdicts.stream().noneMatch(v -> v.outcome() == Outcome.FAIL || v.outcome() == Outcome.ERROR);
    }

    static String wireLine(WireEvent e) {
        String arrow = switch (e.kind()) {
            case SENT -> "->";
            case RECEIVED -> "<-";
            case NOTE -> "..";
        };
        return String.format("%5d ms %-8s %s %s", e.millis(), e.role(), arrow, e.text());
    }

    private String label(Outcome o) {
        return switch (o) {
            case PASS -> paint("32", "PASS      ");
            case FAIL -> paint("31", "FAIL      ");
            case NON_STRICT -> paint("33", "NON-STRICT");
            case SKIPPED -> paint("90", "SKIPPED   ");
            case ERROR -> paint("35", "ERROR     ");
        };
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    private static String indent(int level) {
        return "    ".repeat(level + 1);
    }
}
