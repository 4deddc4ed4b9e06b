package org.p2pkit.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    private String written(RunSummary run) throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.write(run, file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void hostileTextFromTheTargetIsEscapedAndNeverInjected() throws Exception {
        String html = written(ReportFixtures.mixedRun());
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element, from the target or otherwise");
        assertFalse(html.contains("<b>bold</b>"), "the target description is escaped too");
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
        String escaped = "name=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; \\x00\\x1b[31m";
        assertTrue(html.contains("SearchReply {" + escaped + "}"), "wire text escaped");
        assertTrue(html.contains("<td class=\"actual mono\">&quot;" + escaped + "&quot;</td>"), "mismatch escaped");
        assertTrue(html.contains("reply differs in 2 fields &lt;script&gt;"), "summary escaped");
        assertTrue(html.contains("|R&lt;script&gt;&amp;&quot;..|"), "the ASCII column of hex dumps escaped");
        for (char c = 0; c < 0x20; c++) {
            if (c != '\n') {
                assertEquals(-1, html.indexOf(c), "control character " + (int) c);
            }
        }
    }

    @Test
    void theHeaderGivesTargetDateDurationVerdictAndCounts() throws Exception {
        String html = written(ReportFixtures.mixedRun());
        assertTrue(html.contains("NOT CONFORMANT"));
        assertTrue(html.contains("2026-11-23 10:15:30 UTC"));
        assertTrue(html.contains("1.2 s"));
        for (String count : new String[] {"1 pass", "1 fail", "1 non-strict", "1 skipped", "1 error"}) {
            assertTrue(html.contains(">" + count + "</span>"), count);
        }
    }

    @Test
    void aConformantRunSaysSo() throws Exception {
        String html = written(ReportFixtures.conformantRun());
        assertTrue(html.contains(">CONFORMANT</span>"));
        assertFalse(html.contains("NOT CONFORMANT"));
    }

    @Test
    void everyCaseIsListedUnderItsGroupWithItsBadgeAndLinksToItsDetails() throws Exception {
        String html = written(ReportFixtures.mixedRun());
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<tr><td><span class=\"badge ([a-z-]+)\">[A-Z-]+</span></td><td><a href=\"#case-([^\"]+)\"><code>([^<]+)</code>").matcher(html);
        while (row.find()) {
            assertEquals(row.group(2), row.group(3), "the link goes to the case's own details");
            rows.put(row.group(3), row.group(1));
        }
        assertEquals(Map.of("index/registration/accepts", "pass", "index/search/fewest-served", "fail", "index/list/order", "skipped",
                "index/robustness/crash", "error", "index/list/pages", "non-strict"), rows);
        // Groups in order of first appearance; a group's cases together under it.
        int registration = html.indexOf("<tr class=\"group\"><th colspan=\"5\">index/registration</th></tr>");
        int search = html.indexOf("<tr class=\"group\"><th colspan=\"5\">index/search</th></tr>");
        int list = html.indexOf("<tr class=\"group\"><th colspan=\"5\">index/list</th></tr>");
        int robustness = html.indexOf("<tr class=\"group\"><th colspan=\"5\">index/robustness</th></tr>");
        assertTrue(registration > 0 && registration < search && search < list && list < robustness);
        assertTrue(html.indexOf("<code>index/list/pages</code>") < robustness, "index/list/pages is listed with its group");
    }

    @Test
    void casesThatDidNotPassAreOpenAndTheOthersCollapsed() throws Exception {
        String html = written(ReportFixtures.mixedRun());
        Map<String, Boolean> open = new LinkedHashMap<>();
        Matcher details = Pattern.compile("<details class=\"case [a-z-]+\" id=\"case-([^\"]+)\"( open)?>").matcher(html);
        while (details.find()) {
            open.put(details.group(1), details.group(2) != null);
        }
        assertEquals(Map.of("index/registration/accepts", false, "index/search/fewest-served", true, "index/list/order", false,
                "index/robustness/crash", true, "index/list/pages", true), open);
    }

    @Test
    void detailsShowRequirementQuotesExpectedAgainstActualHexAndWireLog() throws Exception {
        String html = written(ReportFixtures.mixedRun());
        assertTrue(html.contains("<code>SEARCH-2</code> (MUST)<blockquote>The index MUST answer with the holder that served the fewest downloads &amp; no other.</blockquote>"));
        assertTrue(html.contains("<tr><td>port</td><td class=\"expected mono\">9001</td><td class=\"actual mono\">9002</td></tr>"));
        assertTrue(html.contains("<pre class=\"hex\">000  52 3c 73 63 72 69 70 74 3e 26 22 00 1b"));
        assertTrue(html.contains("<td class=\"dir sent\" title=\"sent to the target\">&rarr;</td>"));
        assertTrue(html.contains("<td class=\"dir received\" title=\"received from the target\">&larr;</td>"));
        assertTrue(html.contains("<span title=\"523c7363726970743e2622001b\">SearchReply"), "hex on hover");
        assertTrue(html.contains("<details><summary>13 bytes</summary><pre>000  52 3c"), "hex in a collapsible");
        assertTrue(html.contains("<td>harness</td><td class=\"dir note\" title=\"note of the harness\">&middot;</td><td>target exited</td>"));
        assertTrue(html.contains("Nothing crossed the wire."), "a case without traffic says so");
    }

    @Test
    void thePageIsSelfContainedAndForbidsScripts() throws Exception {
        String html = written(ReportFixtures.mixedRun());
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assertTrue(html.contains("<style>"));
        assertFalse(html.contains("src=") || html.contains("<link") || html.contains("http://") || html.contains("https://"));
    }
}
