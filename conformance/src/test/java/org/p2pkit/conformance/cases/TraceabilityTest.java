package org.p2pkit.conformance.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every requirement of the spec is checked by a case or listed as untestable with a reason, and nothing else. */
class TraceabilityTest {
    @Test
    void everyRequirementIsCheckedByACaseOrListedAsUntestable() throws Exception {
        List<Traceability.Row> rows = Traceability.builtIn(ExchangeLoader.builtIn());
        assertTrue(rows.size() > 50, "the spec's requirements were read: " + rows.size());
        assertEquals(List.of(), rows.stream().filter(r -> !r.covered()).map(Traceability.Row::id).toList());
    }

    @Test
    void casesAndTheUntestableListNameOnlyRequirementsTheSpecHas() throws Exception {
        Map<String, String> spec = Traceability.requirements(resource("PROTOCOL.md"));
        List<String> unknownInCases = ExchangeLoader.builtIn().stream()
                .flatMap(c -> c.requirements().stream().map(r -> c.id() + " cites " + r.id()))
                .filter(line -> !spec.containsKey(line.substring(line.lastIndexOf(' ') + 1))).toList();
        assertEquals(List.of(), unknownInCases);
        List<String> unknownUntestable = Traceability.untestable(resource("exchanges/untestable.yaml")).keySet().stream()
                .filter(id -> !spec.containsKey(id)).toList();
        assertEquals(List.of(), unknownUntestable);
    }

    @Test
    void aRequirementIsNotBothCheckedAndCalledUntestable() throws Exception {
        List<String> both = Traceability.builtIn(ExchangeLoader.builtIn()).stream()
                .filter(r -> !r.cases().isEmpty() && r.untestable() != null).map(Traceability.Row::id).toList();
        assertEquals(List.of(), both);
    }

    private static String resource(String name) throws Exception {
        try (var in = TraceabilityTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
