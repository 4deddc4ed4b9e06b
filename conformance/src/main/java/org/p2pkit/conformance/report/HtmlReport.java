package org.p2pkit.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Requirement;
import org.p2pkit.conformance.run.HexDump;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.Verdict;
import org.p2pkit.conformance.run.WireEvent;

/**
 * Writes a run as one self-contained HTML page for a person: the verdict and counts, a table of the
 * cases by group, and per case its requirements, verdict, expected against actual, the PDU and the
 * wire log. Cases that failed, erred or missed a SHOULD are open; the others are collapsed.
 * Everything shown is escaped, since names on the wire come from the target; the page runs no script,
 * and its content security policy forbids any.
 */
public final class HtmlReport {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String CSS = """
            :root { --pass: #1a7f37; --fail: #cf222e; --non-strict: #9a6700; --skipped: #6e7781; --error: #8250df;
                    --line: #d0d7de; --soft: #f6f8fa; --ink: #1f2328; --muted: #59636e; }
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0 auto;
                   max-width: 1200px; padding: 1.5rem; }
            h1 { font-size: 1.6rem; margin: 0 0 .5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); }
            h3 { margin: 1.5rem 0 .5rem; font-family: ui-monospace, Menlo, Consolas, monospace; }
            h4 { margin: 1rem 0 .3rem; font-size: .95rem; }
            code, pre, .mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
            .verdict { display: inline-block; font-size: 1.3rem; font-weight: 700; color: #fff; padding: .3rem .8rem; border-radius: 6px; }
            .verdict.conformant { background: var(--pass); } .verdict.not-conformant { background: var(--fail); }
            .why { color: var(--muted); margin-left: .5rem; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; }
            dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
            .badge { display: inline-block; min-width: 6.5em; text-align: center; color: #fff; font-weight: 600; font-size: .8rem;
                     padding: .1rem .45rem; border-radius: 999px; letter-spacing: .02em; white-space: nowrap; }
            .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
            .badge.non-strict { background: var(--non-strict); } .badge.skipped { background: var(--skipped); }
            .badge.error { background: var(--error); }
            .counts .badge { min-width: 0; margin-right: .3rem; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
            thead th { background: var(--soft); }
            tr.group th { background: var(--soft); font-family: ui-monospace, Menlo, Consolas, monospace; padding-top: .6rem; }
            details.case { border: 1px solid var(--line); border-left: 6px solid var(--skipped); border-radius: 6px; margin: .5rem 0; }
            details.case.pass { border-left-color: var(--pass); } details.case.fail { border-left-color: var(--fail); }
            details.case.non-strict { border-left-color: var(--non-strict); } details.case.error { border-left-color: var(--error); }
            details.case > summary { cursor: pointer; padding: .5rem .7rem; list-style-position: inside; }
            details.case > summary code { margin: 0 .4rem; }
            details.case > div { padding: 0 1rem 1rem; border-top: 1px solid var(--line); }
            .summary { font-weight: 600; }
            blockquote { margin: .2rem 0 .5rem 1rem; padding-left: .7rem; border-left: 3px solid var(--line); color: var(--muted); }
            ul.requirements { list-style: none; padding: 0; }
            table.mismatches td:first-child { font-weight: 600; white-space: nowrap; }
            table.mismatches td.expected { background: #dafbe1; } table.mismatches td.actual { background: #ffebe9; }
            pre { background: var(--soft); padding: .6rem; overflow-x: auto; border-radius: 4px; margin: .3rem 0; }
            table.wire, table.mismatches { table-layout: fixed; }
            table.wire th:nth-child(1) { width: 4.5em; } table.wire th:nth-child(2) { width: 8em; } table.wire th:nth-child(3) { width: 2em; }
            table.mismatches th:nth-child(1) { width: 12em; }
            table.wire td, table.mismatches td { overflow-wrap: anywhere; }
            table.wire td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }
            table.wire td.ms { text-align: right; white-space: nowrap; color: var(--muted); }
            table.wire td.dir { font-weight: 700; text-align: center; }
            table.wire td.dir.sent { color: #0969da; } table.wire td.dir.received { color: var(--pass); } table.wire td.dir.note { color: var(--muted); }
            table.wire details summary { cursor: pointer; color: var(--muted); }
            .none { color: var(--muted); font-style: italic; }
            footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
            """;

    private final StringBuilder out = new StringBuilder();

    private HtmlReport() {
    }

    public static void write(RunSummary run, Path file) throws IOException {
        JsonReport.createParent(file);
        Files.writeString(file, render(run), StandardCharsets.UTF_8);
    }

    static String render(RunSummary run) {
        HtmlReport page = new HtmlReport();
        page.page(run);
        return page.out.toString();
    }

    private void page(RunSummary run) {
        String verdict = run.conformant() ? "CONFORMANT" : "NOT CONFORMANT";
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(verdict + ": " + run.target() + " (" + RunSummary.TOOL + ")")).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(run, verdict);
        Map<String, List<Verdict>> groups = run.verdicts().stream()
                .collect(Collectors.groupingBy(v -> v.testCase().group(), LinkedHashMap::new, Collectors.toList()));
        out.append("<main>\n<h2>Cases</h2>\n");
        overview(groups);
        out.append("<h2>Details</h2>\n");
        groups.forEach((group, verdicts) -> {
            out.append("<section>\n<h3>").append(esc(group)).append("</h3>\n");
            verdicts.forEach(this::details);
            out.append("</section>\n");
        });
        out.append("</main>\n<footer>").append(esc(RunSummary.TOOL + " " + RunSummary.version()))
                .append("</footer>\n</body>\n</html>\n");
    }

    private void header(RunSummary run, String verdict) {
        out.append("<header>\n<h1>P2P conformance report</h1>\n")
                .append("<p><span class=\"verdict ").append(run.conformant() ? "conformant" : "not-conformant").append("\">")
                .append(verdict).append("</span><span class=\"why\">")
                .append(run.conformant() ? "every MUST case passed" : "a MUST case failed or could not run").append("</span></p>\n")
                .append("<dl class=\"facts\">\n")
                .append("<dt>Target</dt><dd class=\"mono\">").append(esc(run.target())).append("</dd>\n")
                .append("<dt>Started</dt><dd>").append(esc(DATE.format(run.started()))).append("</dd>\n")
                .append("<dt>Duration</dt><dd>").append(String.format(Locale.ROOT, "%.1f s", run.durationMillis() / 1000.0)).append("</dd>\n")
                .append("<dt>Cases</dt><dd class=\"counts\">").append(run.verdicts().size()).append(": ");
        run.counts().forEach((outcome, count) -> {
            if (count > 0) {
                out.append("<span class=\"badge ").append(cssClass(outcome)).append("\">").append(count).append(' ')
                        .append(label(outcome).toLowerCase(Locale.ROOT)).append("</span>");
            }
        });
        out.append("</dd>\n</dl>\n</header>\n");
    }

    private void overview(Map<String, List<Verdict>> groups) {
        out.append("<table class=\"cases\">\n<thead><tr><th>Outcome</th><th>Case</th><th>Title</th><th>Level</th><th>Requirements</th></tr></thead>\n");
        groups.forEach((group, verdicts) -> {
            out.append("<tbody>\n<tr class=\"group\"><th colspan=\"5\">").append(esc(group)).append("</th></tr>\n");
            for (Verdict v : verdicts) {
                ConformanceCase c = v.testCase();
                out.append("<tr><td>").append(badge(v.outcome())).append("</td>")
                        .append("<td><a href=\"#").append(esc(anchor(c))).append("\"><code>").append(esc(c.id())).append("</code></a></td>")
                        .append("<td>").append(esc(c.title())).append("</td>")
                        .append("<td>").append(c.level()).append("</td>")
                        .append("<td class=\"mono\">").append(esc(c.requirements().stream().map(Requirement::id).collect(Collectors.joining(", "))))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n");
        });
        out.append("</table>\n");
    }

    private void details(Verdict v) {
        ConformanceCase c = v.testCase();
        boolean open = v.outcome() == Outcome.FAIL || v.outcome() == Outcome.ERROR || v.outcome() == Outcome.NON_STRICT;
        out.append("<details class=\"case ").append(cssClass(v.outcome())).append("\" id=\"").append(esc(anchor(c))).append('"')
                .append(open ? " open" : "").append(">\n<summary>").append(badge(v.outcome())).append("<code>").append(esc(c.id()))
                .append("</code>").append(esc(c.title())).append("</summary>\n<div>\n");
        out.append("<p class=\"summary\">").append(esc(v.summary())).append("</p>\n");
        out.append("<p>").append(c.level()).append(" case for ").append(c.target().name().toLowerCase(Locale.ROOT))
                .append(" targets, ").append(v.millis()).append(" ms.</p>\n");
        out.append("<h4>Requirements</h4>\n<ul class=\"requirements\">\n");
        for (Requirement r : c.requirements()) {
            out.append("<li><code>").append(esc(r.id())).append("</code> (").append(c.level()).append(")<blockquote>")
                    .append(esc(r.quote())).append("</blockquote></li>\n");
        }
        out.append("</ul>\n");
        if (!v.mismatches().isEmpty()) {
            out.append("<h4>Expected and actual</h4>\n<table class=\"mismatches\">\n<thead><tr><th>Field</th><th>Expected</th><th>Actual</th></tr></thead>\n<tbody>\n");
            for (Verdict.Mismatch m : v.mismatches()) {
                out.append("<tr><td>").append(esc(m.field())).append("</td><td class=\"expected mono\">").append(esc(m.expected()))
                        .append("</td><td class=\"actual mono\">").append(esc(m.actual())).append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        if (v.actualHex() != null) {
            out.append("<h4>Actual PDU</h4>\n<pre class=\"hex\">").append(esc(v.actualHex())).append("</pre>\n");
        }
        wire(v.wire());
        out.append("</div>\n</details>\n");
    }

    private void wire(List<WireEvent> events) {
        out.append("<h4>Wire log</h4>\n");
        if (events.isEmpty()) {
            out.append("<p class=\"none\">Nothing crossed the wire.</p>\n");
            return;
        }
        out.append("<table class=\"wire\">\n<thead><tr><th>ms</th><th>Role</th><th></th><th>Message</th></tr></thead>\n<tbody>\n");
        for (WireEvent e : events) {
            String kind = e.kind().name().toLowerCase(Locale.ROOT);
            out.append("<tr><td class=\"ms\">").append(e.millis()).append("</td><td>").append(esc(e.role())).append("</td>")
                    .append("<td class=\"dir ").append(kind).append("\" title=\"").append(direction(e.kind())).append("\">")
                    .append(arrow(e.kind())).append("</td><td>");
            byte[] bytes = e.bytes() == null ? new byte[0] : e.bytes();
            if (bytes.length == 0) {
                out.append(esc(e.text()));
            } else {
                out.append("<span title=\"").append(ReportText.hex(bytes)).append("\">").append(esc(e.text())).append("</span>")
                        .append("<details><summary>").append(bytes.length).append(" bytes</summary><pre>")
                        .append(esc(HexDump.of(bytes))).append("</pre></details>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String badge(Outcome o) {
        return "<span class=\"badge " + cssClass(o) + "\">" + label(o) + "</span>";
    }

    /** The console's words for an outcome. */
    private static String label(Outcome o) {
        return o.name().replace('_', '-');
    }

    private static String cssClass(Outcome o) {
        return label(o).toLowerCase(Locale.ROOT);
    }

    private static String arrow(WireEvent.Kind kind) {
        return switch (kind) {
            case SENT -> "&rarr;";
            case RECEIVED -> "&larr;";
            case NOTE -> "&middot;";
        };
    }

    private static String direction(WireEvent.Kind kind) {
        return switch (kind) {
            case SENT -> "sent to the target";
            case RECEIVED -> "received from the target";
            case NOTE -> "note of the harness";
        };
    }

    /** The fragment a case is linked by: its id, with anything but letters, digits and . _ / - as '_'. */
    static String anchor(ConformanceCase c) {
        return "case-" + c.id().replaceAll("[^A-Za-z0-9._/-]", "_");
    }

    /** Text made printable (see {@link ReportText#printable}) and safe in HTML text and quoted attributes. */
    static String esc(String text) {
        String printable = ReportText.printable(text);
        StringBuilder out = new StringBuilder(printable.length() + 16);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
