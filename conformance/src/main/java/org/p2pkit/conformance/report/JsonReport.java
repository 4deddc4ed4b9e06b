package org.p2pkit.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Requirement;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.SecurityFindings;
import org.p2pkit.conformance.run.Verdict;
import org.p2pkit.conformance.run.WireEvent;

/**
 * Writes a run as one JSON document for tools: the run's verdict and counts, then every case with its
 * requirements, outcome, mismatches, the actual PDU and the wire log. Outcomes and count keys are the
 * names of {@link Outcome}; text is kept exactly as the target sent it (JSON escapes what it must).
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(RunSummary run, Path file) throws IOException {
        createParent(file);
        MAPPER.writeValue(file.toFile(), document(run));
    }

    static ObjectNode document(RunSummary run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", RunSummary.TOOL);
        root.put("version", RunSummary.version());
        root.put("target", run.target());
        root.put("started", run.started().toString());
        root.put("durationMillis", run.durationMillis());
        root.put("conformant", run.conformant());
        ObjectNode counts = root.putObject("counts");
        counts.put("total", run.verdicts().size());
        for (Map.Entry<Outcome, Integer> e : run.counts().entrySet()) {
            counts.put(e.getKey().name(), e.getValue());
        }
        ArrayNode cases = root.putArray("cases");
        run.verdicts().forEach(v -> caseNode(cases.addObject(), v));
        return root;
    }

    private static void caseNode(ObjectNode node, Verdict v) {
        ConformanceCase c = v.testCase();
        node.put("id", c.id());
        node.put("title", c.title());
        node.put("group", c.group());
        node.put("level", c.level().name());
        node.put("targetKind", c.target().name());
        ArrayNode requirements = node.putArray("requirements");
        for (Requirement r : c.requirements()) {
            requirements.addObject().put("id", r.id()).put("quote", r.quote());
        }
        node.put("outcome", v.outcome().name());
        node.put("summary", v.summary());
        node.put("millis", v.millis());
        ArrayNode mismatches = node.putArray("mismatches");
        for (Verdict.Mismatch m : v.mismatches()) {
            mismatches.addObject().put("field", m.field()).put("expected", m.expected()).put("actual", m.actual());
        }
        node.put("actualHex", v.actualHex());
        ArrayNode findings = node.putArray("securityFindings");
        SecurityFindings.of(v).forEach(findings::add);
        ArrayNode wire = node.putArray("wire");
        for (WireEvent e : v.wire()) {
            wire.addObject()
                    .put("millis", e.millis())
                    .put("role", e.role())
                    .put("kind", e.kind().name())
                    .put("hex", ReportText.hex(e.bytes()))
                    .put("text", e.text());
        }
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
