package org.p2pkit.conformance.cases;

import static org.p2pkit.conformance.cases.YamlTree.enumValue;
import static org.p2pkit.conformance.cases.YamlTree.flag;
import static org.p2pkit.conformance.cases.YamlTree.integer;
import static org.p2pkit.conformance.cases.YamlTree.list;
import static org.p2pkit.conformance.cases.YamlTree.map;
import static org.p2pkit.conformance.cases.YamlTree.string;
import static org.p2pkit.conformance.cases.YamlTree.unknownKeys;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads the scripted exchanges (spec/exchanges/*.yaml, format in its README) into cases. */
public final class ExchangeLoader {
    /** The list of requirements no case can check, beside the case files. */
    static final String UNTESTABLE = "untestable.yaml";
    private static final Set<String> CASE_KEYS = Set.of("id", "title", "level", "requirements", "steps", "files", "other_hosts", "servers", "profile");
    private static final Set<String> SEND_KEYS = Set.of("from", "message", "text", "length");
    private static final Set<String> TAIL_KEYS = Set.of("corrupt_check", "copied_from");
    private static final Set<String> EXPECT_KEYS = Set.of("to", "message", "text", "nothing_within_ms");

    private ExchangeLoader() {
    }

    /** The exchanges packed with this suite. */
    public static List<ConformanceCase> builtIn() {
        URL url = ExchangeLoader.class.getClassLoader().getResource("exchanges");
        if (url == null) {
            throw new IllegalStateException("the suite's exchanges are missing from its classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return fromDirectory(jar.getPath("exchanges"));
                }
            }
            return fromDirectory(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the suite's exchanges: " + e.getMessage(), e);
        }
    }

    /** Every *.yaml file of a folder, in file name order. */
    public static List<ConformanceCase> fromDirectory(Path dir) throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".yaml") && !f.getFileName().toString().equals(UNTESTABLE))
                    .sorted().toList();
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Path file : files) {
            for (ConformanceCase c : parse(file.getFileName().toString(), Files.readString(file))) {
                if (!ids.add(c.id())) {
                    throw new ExchangeFormatException(file.getFileName().toString(), "case id " + c.id() + " is used twice");
                }
                cases.add(c);
            }
        }
        return cases;
    }

    /** The cases of one exchange file. */
    public static List<ConformanceCase> parse(String fileName, String yaml) {
        Object root = new Load(LoadSettings.builder().setLabel(fileName).build()).loadFromString(yaml);
        Map<String, Object> file = map(root, fileName);
        TargetKind target = enumValue(TargetKind.class, string(file, "target", fileName), fileName + ": target");
        List<ConformanceCase> cases = new ArrayList<>();
        for (Object entry : list(file.get("cases"), fileName + ": cases")) {
            cases.add(parseCase(map(entry, fileName + ": case"), target, fileName));
        }
        return cases;
    }

    private static ConformanceCase parseCase(Map<String, Object> c, TargetKind target, String fileName) {
        String id = string(c, "id", fileName + ": case");
        String where = fileName + ": " + id;
        unknownKeys(c, CASE_KEYS, where);
        List<Requirement> requirements = new ArrayList<>();
        for (Object r : list(c.get("requirements"), where + ": requirements")) {
            Map<String, Object> req = map(r, where + ": requirement");
            requirements.add(new Requirement(string(req, "id", where), string(req, "quote", where)));
        }
        if (requirements.isEmpty()) {
            throw new ExchangeFormatException(where, "a case checks at least one requirement");
        }
        List<Step> steps = new ArrayList<>();
        parseSteps(list(c.get("steps"), where + ": steps"), steps, Map.of(), where);
        return new ConformanceCase(id, string(c, "title", where),
                enumValue(Level.class, string(c, "level", where), where + ": level"), target, requirements, steps, files(c, where),
                roles(c, "other_hosts", where), roles(c, "servers", where),
                c.containsKey("profile") ? enumValue(Profile.class, string(c, "profile", where), where + ": profile") : Profile.CLASSIC);
    }

    /** An optional list of role names. */
    private static List<String> roles(Map<String, Object> c, String key, String where) {
        if (!c.containsKey(key)) {
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        for (Object role : list(c.get(key), where + ": " + key)) {
            if (!(role instanceof String name)) {
                throw new ExchangeFormatException(where + ": " + key, "a role name, not " + role);
            }
            roles.add(name);
        }
        return roles;
    }

    private static Map<String, FileSpec> files(Map<String, Object> c, String where) {
        Map<String, FileSpec> files = new LinkedHashMap<>();
        if (c.containsKey("files")) {
            map(c.get("files"), where + ": files").forEach((content, spec) -> {
                Map<String, Object> f = map(spec, where + ": files: " + content);
                String at = where + ": files: " + content;
                unknownKeys(f, Set.of("size", "share", "present", "nul_at", "base64"), at);
                byte[] pattern = f.containsKey("base64") ? base64(string(f, "base64", at), at) : null;
                int size = f.containsKey("size") || pattern == null ? integer(f, "size", at) : pattern.length;
                files.put(content, new FileSpec(content, size, !Boolean.FALSE.equals(f.get("share")), flag(f, "present"),
                        f.containsKey("nul_at") ? integer(f, "nul_at", at) : -1, pattern));
            });
        }
        return files;
    }

    private static byte[] base64(String text, String at) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length == 0) {
                throw new ExchangeFormatException(at, "base64 gives no bytes");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new ExchangeFormatException(at, "base64: " + e.getMessage());
        }
    }

    private static void parseSteps(List<Object> raw, List<Step> out, Map<String, String> vars, String where) {
        for (int i = 0; i < raw.size(); i++) {
            String at = where + ": step " + (out.size() + 1);
            Map<String, Object> step = map(raw.get(i), at);
            if (step.size() != 1) {
                throw new ExchangeFormatException(at, "a step has exactly one of send, expect, expect_one_of, expect_list, repeat");
            }
            String kind = step.keySet().iterator().next();
            Object body = step.get(kind);
            switch (kind) {
                case "send" -> out.add(send(map(body, at), vars, at));
                case "expect" -> {
                    Map<String, Object> e = map(body, at);
                    out.add(new Step.Expect(subst(string(e, "to", at), vars), List.of(expectation(e, vars, at))));
                }
                case "expect_one_of" -> {
                    Map<String, Object> e = map(body, at);
                    List<Expectation> alternatives = new ArrayList<>();
                    for (Object alt : list(e.get("alternatives"), at + ": alternatives")) {
                        Map<String, Object> a = new LinkedHashMap<>(map(alt, at));
                        a.put("to", e.get("to"));
                        alternatives.add(expectation(a, vars, at));
                    }
                    out.add(new Step.Expect(subst(string(e, "to", at), vars), alternatives));
                }
                case "expect_list" -> out.add(expectList(map(body, at), vars, at));
                case "repeat" -> {
                    Map<String, Object> r = map(body, at);
                    int times = integer(r, "times", at);
                    for (int n = 1; n <= times; n++) {
                        Map<String, String> inner = new LinkedHashMap<>(vars);
                        inner.put("i", Integer.toString(n));
                        parseSteps(list(r.get("steps"), at + ": steps"), out, inner, where);
                    }
                }
                default -> out.add(PeerSteps.parse(kind, body, vars, at));
            }
        }
    }

    static Step send(Map<String, Object> s, Map<String, String> vars, String at) {
        String role = subst(string(s, "from", at), vars);
        if (s.containsKey("text")) {
            unknownKeys(s, SEND_KEYS, at);
            int length = s.containsKey("length") ? integer(s, "length", at) : org.p2pkit.model.PduCodec.PDU_SIZE;
            return new Step.Send(role, new PduTemplate.Raw(subst(string(s, "text", at), vars), length));
        }
        return new Step.Send(role, fields(s, vars, at));
    }

    /** A message by its fields; {@code tail:} plants leftovers after its NUL (EXT-2). */
    private static PduTemplate.Fields fields(Map<String, Object> s, Map<String, String> vars, String at) {
        String message = string(s, "message", at);
        Map<String, String> fields = new LinkedHashMap<>();
        s.forEach((k, v) -> {
            if (!k.equals("from") && !k.equals("message") && !k.equals("expect") && !k.equals("tail")) {
                fields.put(k, subst(String.valueOf(v), vars));
            }
        });
        if (!s.containsKey("tail")) {
            return new PduTemplate.Fields(message, fields);
        }
        Map<String, Object> tail = map(s.get("tail"), at + ": tail");
        unknownKeys(tail, TAIL_KEYS, at + ": tail");
        PduTemplate.Fields copied = tail.containsKey("copied_from") ? fields(map(tail.get("copied_from"), at + ": copied_from"), vars, at) : null;
        return new PduTemplate.Fields(message, fields, new PduTemplate.Tail(flag(tail, "corrupt_check"), copied));
    }

    static Expectation expectation(Map<String, Object> e, Map<String, String> vars, String at) {
        if (e.containsKey("nothing_within_ms")) {
            unknownKeys(e, EXPECT_KEYS, at);
            return new Expectation.Nothing(integer(e, "nothing_within_ms", at));
        }
        String message = string(e, "message", at);
        Map<String, FieldMatcher> fields = new LinkedHashMap<>();
        FieldMatcher text = null;
        boolean zeroTail = false;
        for (Map.Entry<String, Object> f : e.entrySet()) {
            String key = f.getKey();
            if (key.equals("to") || key.equals("message") || key.equals("role")) {
                continue;
            }
            if (key.equals("tail")) {
                if (!"zeros".equals(f.getValue())) {
                    throw new ExchangeFormatException(at, "tail can only be expected to be 'zeros'");
                }
                zeroTail = true;
                continue;
            }
            FieldMatcher matcher = matcher(f.getValue(), vars, at + ": " + key);
            if (key.equals("text")) {
                text = matcher;
            } else {
                fields.put(key, matcher);
            }
        }
        return new Expectation.Pdu(message, fields, text, zeroTail);
    }

    private static Step expectList(Map<String, Object> e, Map<String, String> vars, String at) {
        String role = subst(string(e, "to", at), vars);
        String asker = e.containsKey("asker") ? subst(string(e, "asker", at), vars) : role;
        List<Map.Entry<String, List<String>>> entries = new ArrayList<>();
        for (Object entry : list(e.get("entries"), at + ": entries")) {
            String line = subst(String.valueOf(entry), vars);
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ExchangeFormatException(at, "a list entry is 'peer: content content ...', got '" + line + "'");
            }
            String contents = line.substring(colon + 1).strip();
            entries.add(Map.entry(line.substring(0, colon).strip(), contents.isEmpty() ? List.of() : List.of(contents.split("\\s+"))));
        }
        return new Step.ExpectList(role, asker, entries, flag(e, "exact_text"), flag(e, "no_empty_entries"));
    }

    static FieldMatcher matcher(Object value, Map<String, String> vars, String at) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object key = m.keySet().iterator().next();
            String v = subst(String.valueOf(m.get(key)), vars);
            return switch (String.valueOf(key)) {
                case "starts_with" -> new FieldMatcher(FieldMatcher.Kind.STARTS_WITH, v);
                case "matches" -> new FieldMatcher(FieldMatcher.Kind.MATCHES, v);
                case "absent" -> new FieldMatcher(FieldMatcher.Kind.ABSENT, "");
                default -> throw new ExchangeFormatException(at, "a matcher is a value, {starts_with: ...}, {matches: ...} or {absent: true}");
            };
        }
        if (value instanceof Map || value instanceof List) {
            throw new ExchangeFormatException(at, "a matcher is a value, {starts_with: ...}, {matches: ...} or {absent: true}");
        }
        return FieldMatcher.equalTo(subst(String.valueOf(value), vars));
    }

    static String subst(String text, Map<String, String> vars) {
        String result = text;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            result = result.replace("{" + v.getKey() + "}", v.getValue());
        }
        return result;
    }

}
