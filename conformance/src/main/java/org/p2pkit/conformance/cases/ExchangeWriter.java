package org.p2pkit.conformance.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes index cases in the exchange format of spec/exchanges (its README), so that
 * {@link ExchangeLoader} reads back the same cases: what a generated case needs, send and expect steps.
 */
public final class ExchangeWriter {
    /** Fields in the order the message records name them, so that a written step reads like a scripted one. */
    private static final List<String> FIELD_ORDER = List.of("peer", "holder", "content", "contents", "address", "start", "continue_at", "reason", "text");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");

    private ExchangeWriter() {
    }

    /** One exchange file holding the cases of a group, after comment lines. */
    public static String write(String group, String title, List<String> comments, List<ConformanceCase> cases) {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("# ").append(c).append('\n'));
        out.append("group: ").append(group).append('\n');
        out.append("title: ").append(quote(title)).append('\n');
        out.append("target: index\ncases:\n");
        for (ConformanceCase c : cases) {
            out.append("  - id: ").append(c.id()).append('\n');
            out.append("    title: ").append(quote(c.title())).append('\n');
            out.append("    level: ").append(c.level()).append('\n');
            if (!c.otherHosts().isEmpty()) {
                out.append("    other_hosts: [").append(String.join(", ", c.otherHosts())).append("]\n");
            }
            if (!c.servers().isEmpty()) {
                out.append("    servers: [").append(String.join(", ", c.servers())).append("]\n");
            }
            out.append("    requirements:\n");
            for (Requirement r : c.requirements()) {
                out.append("      - id: ").append(r.id()).append('\n');
                out.append("        quote: ").append(quote(r.quote())).append('\n');
            }
            out.append("    steps:\n");
            for (Step step : c.steps()) {
                out.append("      - ").append(step(step)).append('\n');
            }
        }
        return out.toString();
    }

    private static String step(Step step) {
        if (step instanceof Step.Send send) {
            List<String> parts = new ArrayList<>(List.of("from: " + quote(send.role())));
            if (send.pdu() instanceof PduTemplate.Raw raw) {
                parts.add("text: " + quote(raw.text()));
                if (raw.length() != org.p2pkit.model.PduCodec.PDU_SIZE) {
                    parts.add("length: " + raw.length());
                }
            } else {
                PduTemplate.Fields fields = (PduTemplate.Fields) send.pdu();
                parts.add("message: " + fields.message());
                ordered(fields.fields()).forEach((k, v) -> parts.add(k + ": " + quote(v)));
            }
            return "send: {" + String.join(", ", parts) + "}";
        }
        if (step instanceof Step.Expect expect) {
            if (expect.alternatives().size() == 1) {
                return "expect: {" + expectation(expect.role(), expect.alternatives().get(0)) + "}";
            }
            List<String> alternatives = expect.alternatives().stream().map(a -> "{" + expectation(null, a) + "}").toList();
            return "expect_one_of: {to: " + quote(expect.role()) + ", alternatives: [" + String.join(", ", alternatives) + "]}";
        }
        throw new IllegalArgumentException("only send and expect steps can be written, not " + step.getClass().getSimpleName());
    }

    private static String expectation(String role, Expectation e) {
        List<String> parts = new ArrayList<>();
        if (role != null) {
            parts.add("to: " + quote(role));
        }
        if (e instanceof Expectation.Nothing nothing) {
            parts.add("nothing_within_ms: " + nothing.withinMillis());
            return String.join(", ", parts);
        }
        Expectation.Pdu pdu = (Expectation.Pdu) e;
        parts.add("message: " + pdu.message());
        ordered(pdu.fields()).forEach((k, m) -> parts.add(k + ": " + matcher(m)));
        if (pdu.text() != null) {
            parts.add("text: " + matcher(pdu.text()));
        }
        if (pdu.zeroTail()) {
            parts.add("tail: zeros");
        }
        return String.join(", ", parts);
    }

    private static String matcher(FieldMatcher m) {
        return switch (m.kind()) {
            case EQUALS -> quote(m.value());
            case STARTS_WITH -> "{starts_with: " + quote(m.value()) + "}";
            case MATCHES -> "{matches: " + quote(m.value()) + "}";
            case ABSENT -> "{absent: true}";
        };
    }

    private static <V> Map<String, V> ordered(Map<String, V> fields) {
        Map<String, V> ordered = new java.util.LinkedHashMap<>();
        FIELD_ORDER.stream().filter(fields::containsKey).forEach(k -> ordered.put(k, fields.get(k)));
        fields.keySet().stream().filter(k -> !ordered.containsKey(k)).sorted().forEach(k -> ordered.put(k, fields.get(k)));
        return ordered;
    }

    /** A YAML scalar: plain when it is a simple word, else double-quoted with escapes for any byte. */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches() && !value.matches("[0-9.-]+|true|false|null|yes|no|on|off")) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0 -> out.append("\\0");
                default -> out.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\x%02x", (int) ch));
            }
        }
        return out.append('"').toString();
    }
}
