package org.p2pkit.conformance.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Which case checks which requirement of spec/PROTOCOL.md, and why the others cannot be checked
 * on the wire (spec/exchanges/untestable.yaml).
 */
public final class Traceability {
    private static final Pattern REQUIREMENT = Pattern.compile("^\\*\\*([A-Z]+(?:-[A-Z]+)*-\\d+)\\*\\* \\(([A-Z ]+)\\) (.*)$", Pattern.MULTILINE);

    /** One requirement of the spec and what covers it. */
    public record Row(String id, String level, List<String> cases, String untestable) {
        public boolean covered() {
            return !cases.isEmpty() || untestable != null;
        }
    }

    private Traceability() {
    }

    /** The requirements of the spec text, in order, with their level. */
    public static Map<String, String> requirements(String protocolMarkdown) {
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher m = REQUIREMENT.matcher(protocolMarkdown);
        while (m.find()) {
            ids.put(m.group(1), m.group(2));
        }
        return ids;
    }

    /** The requirements listed as untestable, with the reason. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> untestable(String yaml) {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Object entry : (List<Object>) root.get("untestable")) {
            Map<String, Object> e = (Map<String, Object>) entry;
            reasons.put(String.valueOf(e.get("id")), String.valueOf(e.get("reason")));
        }
        return reasons;
    }

    public static List<Row> matrix(Map<String, String> requirements, List<ConformanceCase> cases, Map<String, String> untestable) {
        List<Row> rows = new ArrayList<>();
        requirements.forEach((id, level) -> rows.add(new Row(id, level,
                cases.stream().filter(c -> c.requirements().stream().anyMatch(r -> r.id().equals(id))).map(ConformanceCase::id).toList(),
                untestable.get(id))));
        return rows;
    }

    /** A requirement's level and its words after the id and level, for quoting. */
    public record Statement(String level, String text) {
    }

    /** Each requirement of the spec packed with the suite, by id. */
    public static Map<String, Statement> statements() throws IOException {
        Map<String, Statement> statements = new LinkedHashMap<>();
        Matcher m = REQUIREMENT.matcher(resource("PROTOCOL.md"));
        while (m.find()) {
            statements.put(m.group(1), new Statement(m.group(2), m.group(3).strip()));
        }
        return statements;
    }

    /** The matrix built from the spec and the untestable list packed with the suite. */
    public static List<Row> builtIn(List<ConformanceCase> cases) throws IOException {
        return matrix(requirements(resource("PROTOCOL.md")), cases, untestable(resource("exchanges/untestable.yaml")));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Traceability.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the suite's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
