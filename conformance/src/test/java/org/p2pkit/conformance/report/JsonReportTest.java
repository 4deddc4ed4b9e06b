package org.p2pkit.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.Verdict;

class JsonReportTest {
    @TempDir
    Path dir;

    private JsonNode written(RunSummary run) throws Exception {
        Path file = dir.resolve("reports/run.json");
        JsonReport.write(run, file);
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void documentParsesBackWithTheRunVerdictAndCounts() throws Exception {
        JsonNode root = written(ReportFixtures.mixedRun());
        assertEquals("p2p-conformance", root.get("tool").asText());
        assertFalse(root.get("version").asText().isEmpty());
        assertEquals(ReportFixtures.TARGET, root.get("target").asText());
        assertEquals("2026-11-23T10:15:30.250Z", root.get("started").asText());
        assertEquals(1234, root.get("durationMillis").asLong());
        assertFalse(root.get("conformant").asBoolean());
        JsonNode counts = root.get("counts");
        assertEquals(5, counts.get("total").asInt());
        for (Outcome o : Outcome.values()) {
            assertEquals(1, counts.get(o.name()).asInt(), o.name());
        }
    }

    @Test
    void casesKeepTheirOrderAndOutcomes() throws Exception {
        JsonNode cases = written(ReportFixtures.mixedRun()).get("cases");
        List<String> seen = new ArrayList<>();
        cases.forEach(c -> seen.add(c.get("id").asText() + " " + c.get("outcome").asText()));
        assertEquals(List.of("index/registration/accepts PASS", "index/search/fewest-served FAIL", "index/list/order SKIPPED",
                "index/robustness/crash ERROR", "index/list/pages NON_STRICT"), seen);
    }

    @Test
    void aFailingCaseCarriesRequirementsMismatchesHexAndTheExactWireText() throws Exception {
        JsonNode c = written(ReportFixtures.mixedRun()).get("cases").get(1);
        Verdict v = ReportFixtures.failing();
        assertEquals(v.testCase().title(), c.get("title").asText());
        assertEquals("index/search", c.get("group").asText());
        assertEquals("MUST", c.get("level").asText());
        assertEquals("INDEX", c.get("targetKind").asText());
        assertEquals("SEARCH-2", c.get("requirements").get(0).get("id").asText());
        assertEquals(v.testCase().requirements().get(0).quote(), c.get("requirements").get(0).get("quote").asText());
        assertEquals(v.summary(), c.get("summary").asText());
        assertEquals(17, c.get("millis").asLong());
        JsonNode mismatch = c.get("mismatches").get(0);
        assertEquals("peer", mismatch.get("field").asText());
        assertEquals("\"bob\"", mismatch.get("expected").asText());
        assertEquals("\"" + ReportFixtures.HOSTILE + "\"", mismatch.get("actual").asText());
        assertEquals(2, c.get("mismatches").size());
        assertEquals(v.actualHex(), c.get("actualHex").asText());
        JsonNode received = c.get("wire").get(1);
        assertEquals(5, received.get("millis").asLong());
        assertEquals("carol", received.get("role").asText());
        assertEquals("RECEIVED", received.get("kind").asText());
        assertEquals("523c7363726970743e2622001b", received.get("hex").asText());
        assertEquals("SearchReply {" + ReportFixtures.HOSTILE + "}", received.get("text").asText(), "JSON keeps control bytes, escaped");
    }

    @Test
    void aCaseWithoutPduOrWireHasNullHexAndEmptyLists() throws Exception {
        JsonNode skipped = written(ReportFixtures.mixedRun()).get("cases").get(2);
        assertTrue(skipped.get("actualHex").isNull());
        assertTrue(skipped.get("wire").isArray() && skipped.get("wire").isEmpty());
        assertTrue(skipped.get("mismatches").isArray() && skipped.get("mismatches").isEmpty());
        JsonNode note = written(ReportFixtures.mixedRun()).get("cases").get(3).get("wire").get(1);
        assertEquals("NOTE", note.get("kind").asText());
        assertEquals("", note.get("hex").asText());
    }

    @Test
    void aRunWithoutFailuresOrErrorsIsConformant() throws Exception {
        JsonNode root = written(ReportFixtures.conformantRun());
        assertTrue(root.get("conformant").asBoolean());
        assertEquals(0, root.get("counts").get("FAIL").asInt());
        assertEquals(3, root.get("counts").get("total").asInt());
    }
}
