package org.p2pkit.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {
    @TempDir
    Path dir;

    private Path file;
    private Element suite;

    @BeforeEach
    void write() throws Exception {
        file = dir.resolve("TEST-p2p-conformance.xml");
        JUnitXmlReport.write(ReportFixtures.mixedRun(), file);
        // The DOM parser rejects a document that is not well-formed, raw NUL or ESC included.
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        suite = document.getDocumentElement();
    }

    @Test
    void isOneWellFormedSuiteWithCountsOfTestsFailuresErrorsAndSkips() {
        assertEquals("testsuite", suite.getTagName());
        assertEquals("p2p-conformance", suite.getAttribute("name"));
        assertEquals("5", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("1.234", suite.getAttribute("time"));
        assertEquals("2026-11-23T10:15:30", suite.getAttribute("timestamp"));
        assertEquals(5, suite.getElementsByTagName("testcase").getLength());
        Map<String, String> properties = properties(suite);
        assertEquals(ReportFixtures.TARGET, properties.get("target"));
        assertEquals("false", properties.get("conformant"));
    }

    @Test
    void aFailingCaseHasAFailureWithSummaryRequirementMismatchesAndHex() {
        Element testCase = testCase("index/search/fewest-served");
        assertEquals("index/search", testCase.getAttribute("classname"));
        assertEquals("0.017", testCase.getAttribute("time"));
        Element failure = only(testCase, "failure");
        assertEquals("reply differs in 2 fields <script>", failure.getAttribute("message"));
        String body = failure.getTextContent();
        assertTrue(body.contains("SEARCH-2 (MUST): \"The index MUST answer with the holder that served the fewest downloads & no other.\""), body);
        assertTrue(body.contains("peer: expected \"bob\""), body);
        assertTrue(body.contains("actual   \"name=<script>alert('x')</script> & \"quoted\" \\x00\\x1b[31m\""), body);
        assertTrue(body.contains("port: expected 9001"), body);
        assertTrue(body.contains("000  52 3c 73 63 72 69 70 74 3e 26 22 00 1b"), body);
        assertEquals(0, testCase.getElementsByTagName("error").getLength());
    }

    @Test
    void controlBytesFromTheTargetAreShownAsEscapesAndMarkupIsEscaped() throws Exception {
        String raw = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(raw.contains("\u0000") || raw.contains("\u001b"), "no raw control bytes in the file");
        assertFalse(raw.contains("<script"), "markup from the target is escaped");
        String out = only(testCase("index/search/fewest-served"), "system-out").getTextContent();
        assertTrue(out.contains("carol    <- SearchReply {" + ReportFixtures.HOSTILE.replace("\u0000", "\\x00").replace("\u001b", "\\x1b") + "}"), out);
    }

    @Test
    void anErrorCaseHasAnErrorAndASkippedCaseIsSkippedWithItsReason() {
        Element error = only(testCase("index/robustness/crash"), "error");
        assertEquals("the target exited with status 134 (SIGABRT)", error.getAttribute("message"));
        assertTrue(error.getTextContent().contains("ROB-1 (MUST)"));
        Element skipped = only(testCase("index/list/order"), "skipped");
        assertEquals("SHOULD case: run with --strict", skipped.getAttribute("message"));
    }

    @Test
    void aNonStrictCasePassesButSaysTheShouldWasNotMet() {
        Element testCase = testCase("index/list/pages");
        for (String verdict : new String[] {"failure", "error", "skipped"}) {
            assertEquals(0, testCase.getElementsByTagName(verdict).getLength(), verdict);
        }
        Map<String, String> properties = properties(testCase);
        assertEquals("NON_STRICT", properties.get("outcome"));
        assertEquals("SHOULD not met: 12 entries in one reply", properties.get("non-strict"));
        String out = only(testCase, "system-out").getTextContent();
        assertTrue(out.contains("SHOULD not met"), out);
        assertTrue(out.contains("LIST-4 (SHOULD)"), out);
        assertTrue(out.contains("entries per reply: expected at most 10"), out);
    }

    @Test
    void aPassingCaseHasOnlyItsPropertiesAndWireLog() {
        Element testCase = testCase("index/registration/accepts");
        assertEquals("PASS", properties(testCase).get("outcome"));
        assertEquals("REG-1", properties(testCase).get("requirements"));
        assertEquals(0, testCase.getElementsByTagName("failure").getLength());
        String out = only(testCase, "system-out").getTextContent();
        assertTrue(out.contains("    0 ms alice    -> Register {name=alice}"), out);
        assertTrue(out.contains("    3 ms alice    <- Ack {}"), out);
    }

    private Element testCase(String id) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("name").startsWith(id + " ")) {
                return c;
            }
        }
        throw new AssertionError("no testcase " + id);
    }

    private static Element only(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        assertEquals(1, list.getLength(), tag);
        Element element = (Element) list.item(0);
        assertNotNull(element);
        return element;
    }

    /** The properties directly under this element (not those of its test cases). */
    private static Map<String, String> properties(Element parent) {
        Map<String, String> properties = new HashMap<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("properties")) {
                NodeList list = e.getElementsByTagName("property");
                for (int j = 0; j < list.getLength(); j++) {
                    Element p = (Element) list.item(j);
                    properties.put(p.getAttribute("name"), p.getAttribute("value"));
                }
            }
        }
        return properties;
    }
}
