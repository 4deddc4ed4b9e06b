package org.p2pkit.conformance.cases;

import static org.p2pkit.conformance.cases.YamlTree.flag;
import static org.p2pkit.conformance.cases.YamlTree.integer;
import static org.p2pkit.conformance.cases.YamlTree.list;
import static org.p2pkit.conformance.cases.YamlTree.map;
import static org.p2pkit.conformance.cases.YamlTree.string;
import static org.p2pkit.conformance.cases.YamlTree.unknownKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.p2pkit.model.PduCodec;

/** Parses the steps of peer cases (format in spec/exchanges/README.md). */
final class PeerSteps {
    private static final Set<String> ACTIONS = Set.of("register", "download", "deregister", "list", "leave");

    private PeerSteps() {
    }

    static Step parse(String kind, Object body, Map<String, String> vars, String at) {
        Map<String, Object> m = map(body, at);
        return switch (kind) {
            case "start" -> start(m, at);
            case "action" -> action(m, at);
            case "index_expect" -> indexExpect(m, vars, at);
            case "index_expect_each" -> indexExpectEach(m, vars, at);
            case "index_reply" -> indexReply(m, vars, at);
            case "holder" -> holder(m, at);
            case "holder_expect" -> new Step.HolderExpect(string(m, "role", at), alternatives(m, vars, at));
            case "holder_closed" -> new Step.HolderClosed(string(m, "role", at), integer(m, "within_ms", at));
            case "fetch" -> fetch(m, vars, at);
            case "connect_idle" -> new Step.ConnectIdle(string(m, "from", at));
            case "drip" -> drip(m, vars, at);
            case "drip_closed" -> new Step.DripClosed(string(m, "from", at), integer(m, "within_ms", at));
            case "delete_file" -> new Step.DeleteFile(string(m, "content", at));
            case "expect_file" -> new Step.ExpectFile(string(m, "content", at), m.containsKey("equals") ? string(m, "equals", at) : null, flag(m, "absent"));
            default -> throw new ExchangeFormatException(at, "unknown step '" + kind + "'");
        };
    }

    private static Step start(Map<String, Object> m, String at) {
        unknownKeys(m, Set.of("name", "content", "recheck_ms"), at);
        int recheck = m.containsKey("recheck_ms") ? integer(m, "recheck_ms", at) : 0;
        if (recheck < 0) {
            throw new ExchangeFormatException(at, "recheck_ms is a number of milliseconds, 0 for none");
        }
        return new Step.Start(string(m, "name", at), string(m, "content", at), recheck);
    }

    private static Step action(Map<String, Object> m, String at) {
        if (m.size() != 1 || !ACTIONS.contains(m.keySet().iterator().next())) {
            throw new ExchangeFormatException(at, "an action is one of " + ACTIONS + ", e.g. {download: movie}");
        }
        String kind = m.keySet().iterator().next();
        Object content = m.get(kind);
        return new Step.Action(kind, content instanceof String s ? s : null);
    }

    private static List<Expectation> alternatives(Map<String, Object> m, Map<String, String> vars, String at) {
        if (m.containsKey("alternatives")) {
            List<Expectation> alternatives = new ArrayList<>();
            for (Object alt : list(m.get("alternatives"), at + ": alternatives")) {
                alternatives.add(ExchangeLoader.expectation(map(alt, at), vars, at));
            }
            return alternatives;
        }
        return List.of(ExchangeLoader.expectation(m, vars, at));
    }

    private static Step indexExpect(Map<String, Object> m, Map<String, String> vars, String at) {
        Map<String, Object> expect = new LinkedHashMap<>(m);
        expect.remove("skip_others");
        Object orSkip = expect.remove("or_skip");
        expect.remove("within_ms");
        return new Step.IndexExpect(alternatives(expect, vars, at), flag(m, "skip_others"), orSkip == null ? null : String.valueOf(orSkip),
                m.containsKey("within_ms") ? integer(m, "within_ms", at) : 0);
    }

    /** {@code content: [song, poem]}: one field lists values, and a request is expected for each of them. */
    private static Step indexExpectEach(Map<String, Object> m, Map<String, String> vars, String at) {
        Map<String, Object> expect = new LinkedHashMap<>(m);
        Object reply = expect.remove("reply");
        expect.remove("within_ms");
        if (reply == null || !m.containsKey("within_ms")) {
            throw new ExchangeFormatException(at, "index_expect_each needs within_ms and the reply to each request");
        }
        String listed = null;
        for (Map.Entry<String, Object> field : expect.entrySet()) {
            if (field.getValue() instanceof List<?>) {
                if (listed != null) {
                    throw new ExchangeFormatException(at, "index_expect_each lists the values of one field only, not " + listed + " and " + field.getKey());
                }
                listed = field.getKey();
            }
        }
        if (listed == null) {
            throw new ExchangeFormatException(at, "index_expect_each lists the values of one field, e.g. content: [song, poem]");
        }
        List<Expectation> each = new ArrayList<>();
        for (Object value : list(expect.get(listed), at + ": " + listed)) {
            Map<String, Object> one = new LinkedHashMap<>(expect);
            one.put(listed, value);
            each.add(ExchangeLoader.expectation(one, vars, at));
        }
        if (each.isEmpty()) {
            throw new ExchangeFormatException(at, "index_expect_each lists no value of " + listed);
        }
        PduTemplate answer = ((Step.Send) ExchangeLoader.send(withRole(map(reply, at + ": reply"), "index"), vars, at)).pdu();
        return new Step.IndexExpectEach(each, answer, integer(m, "within_ms", at));
    }

    private static Step indexReply(Map<String, Object> m, Map<String, String> vars, String at) {
        Map<String, Object> pdu = withRole(m, "index");
        pdu.remove("from_stranger");
        pdu.remove("if_asked");
        return new Step.IndexReply(((Step.Send) ExchangeLoader.send(pdu, vars, at)).pdu(), flag(m, "from_stranger"), flag(m, "if_asked"));
    }

    private static Step holder(Map<String, Object> m, String at) {
        unknownKeys(m, Set.of("role", "serve", "pieces", "keep_open", "cut_after_bytes", "error", "refuse", "chunk", "trickle_ms", "extended"), at);
        String pieces = m.containsKey("pieces") ? string(m, "pieces", at) : "full";
        if (!pieces.equals("full") && !pieces.equals("lines")) {
            throw new ExchangeFormatException(at, "pieces is 'full' or 'lines'");
        }
        return new Step.Holder(string(m, "role", at), m.containsKey("serve") ? string(m, "serve", at) : null, pieces,
                flag(m, "keep_open"), m.containsKey("cut_after_bytes") ? integer(m, "cut_after_bytes", at) : -1,
                m.containsKey("error") ? string(m, "error", at) : null, flag(m, "refuse"), m.containsKey("chunk") ? integer(m, "chunk", at) : 0,
                m.containsKey("trickle_ms") ? integer(m, "trickle_ms", at) : 0, extendedAnswer(m.get("extended"), at + ": extended"));
    }

    /**
     * {@code extended: true}, or a mapping of planted faults: {@code extra_bytes}, {@code corrupt_at},
     * {@code header}, {@code corrupt_check}, {@code header_vector}.
     */
    private static Step.ExtendedAnswer extendedAnswer(Object value, String at) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        if (Boolean.TRUE.equals(value)) {
            return new Step.ExtendedAnswer(0, -1, Map.of(), false, null);
        }
        Map<String, Object> m = map(value, at);
        unknownKeys(m, Set.of("extra_bytes", "corrupt_at", "header", "corrupt_check", "header_vector"), at);
        Map<String, String> header = new LinkedHashMap<>();
        if (m.containsKey("header")) {
            map(m.get("header"), at + ": header").forEach((k, v) -> header.put(k, String.valueOf(v)));
        }
        return new Step.ExtendedAnswer(m.containsKey("extra_bytes") ? integer(m, "extra_bytes", at) : 0,
                m.containsKey("corrupt_at") ? integer(m, "corrupt_at", at) : -1, header, flag(m, "corrupt_check"),
                m.containsKey("header_vector") ? vector(string(m, "header_vector", at), at) : null);
    }

    private static PduTemplate.Vector vector(String name, String at) {
        return new PduTemplate.Vector(name, GoldenVector.bytes(name, at));
    }

    private static Step drip(Map<String, Object> m, Map<String, String> vars, String at) {
        Map<String, Object> request = new LinkedHashMap<>(m);
        request.remove("connections");
        request.remove("every_ms");
        request.put("message", "DownloadRequest");
        PduTemplate pdu = ((Step.Send) ExchangeLoader.send(request, vars, at)).pdu();
        return new Step.Drip(string(m, "from", at), pdu, integer(m, "connections", at), integer(m, "every_ms", at));
    }

    private static Step fetch(Map<String, Object> m, Map<String, String> vars, String at) {
        Map<String, Object> request = new LinkedHashMap<>(m);
        request.remove("expect");
        PduTemplate extra = null;
        if (request.containsKey("extra_text")) {
            extra = new PduTemplate.Raw(String.valueOf(request.remove("extra_text")), PduCodec.PDU_SIZE);
        }
        PduTemplate pdu;
        if (request.containsKey("vector")) {
            unknownKeys(request, Set.of("from", "vector"), at);
            pdu = vector(string(request, "vector", at), at);
        } else {
            if (!request.containsKey("text")) {
                request.put("message", "DownloadRequest");
            }
            pdu = ((Step.Send) ExchangeLoader.send(request, vars, at)).pdu();
        }
        Map<String, Object> expect = map(m.get("expect"), at + ": expect");
        unknownKeys(expect, Set.of("file", "error", "reason", "full_pieces", "closed", "header"), at + ": expect");
        if (expect.containsKey("reason") && !flag(expect, "error")) {
            throw new ExchangeFormatException(at + ": expect", "reason matches the text of the E that error: true expects");
        }
        FieldMatcher reason = expect.containsKey("reason") ? ExchangeLoader.matcher(expect.get("reason"), vars, at + ": reason") : null;
        // a D with a block (offset, sha256) is answered by the extended profile: H, raw bytes, the close (EXT-9)
        Map<String, FieldMatcher> header = request.containsKey("offset") || request.containsKey("sha256") ? Map.of() : null;
        if (expect.containsKey("header")) {
            Expectation.Pdu h = (Expectation.Pdu) ExchangeLoader.expectation(withMessage(map(expect.get("header"), at + ": header")), vars, at + ": header");
            header = h.fields();
        }
        return new Step.Fetch(string(m, "from", at), pdu, extra, expect.containsKey("file") ? string(expect, "file", at) : null,
                flag(expect, "error"), reason, flag(expect, "full_pieces"), flag(expect, "closed"), header);
    }

    private static Map<String, Object> withMessage(Map<String, Object> header) {
        Map<String, Object> copy = new LinkedHashMap<>(header);
        copy.put("message", "TransferHeader");
        return copy;
    }

    private static Map<String, Object> withRole(Map<String, Object> m, String role) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.put("from", role);
        return copy;
    }
}
