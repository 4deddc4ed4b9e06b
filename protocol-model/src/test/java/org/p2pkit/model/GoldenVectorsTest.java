package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every golden vector of spec/vectors decodes to its fields and re-encodes to its bytes. */
class GoldenVectorsTest {
    static final Path VECTORS = SpecFiles.dir().resolve("vectors");

    @TestFactory
    Stream<DynamicTest> everyVectorDecodesAndReEncodesByteForByte() throws IOException {
        return vectorFiles().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(load(file))));
    }

    @Test
    void everyPduObservedFromTheOriginalProgramsHasAVector() throws IOException {
        Set<String> names = vectorFiles().map(f -> f.getFileName().toString().replace(".yaml", "")).collect(Collectors.toSet());
        List<String> observed = List.of("classic-register-alice", "classic-register-ack", "classic-register-duplicate",
                "classic-register-bob", "classic-register-ack-leftover", "classic-search-request", "classic-search-hit",
                "classic-search-request-miss", "classic-not-found", "classic-list-request", "classic-list-entry-alice",
                "classic-list-entry-bob", "classic-list-entry-empty", "classic-list-end", "classic-download-request",
                "classic-content-piece", "classic-content-end", "classic-deregister-content", "classic-deregister-peer");
        assertTrue(names.containsAll(observed), "missing: " + observed.stream().filter(n -> !names.contains(n)).toList());
    }

    private static void check(Map<String, Object> vector) {
        byte[] bytes = hex((String) vector.get("bytes"));
        assertEquals(PduCodec.PDU_SIZE, bytes.length, "a vector holds one whole PDU");
        Direction direction = Direction.valueOf(((String) vector.get("direction")).toUpperCase());
        if (vector.containsKey("malformed")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> expected = (Map<String, Object>) vector.get("malformed");
            MalformedPduException e = assertThrows(MalformedPduException.class, () -> PduCodec.decode(bytes, direction));
            assertEquals(expected.get("field"), e.field(), e.getMessage());
            assertEquals(expected.get("offset"), e.offset(), e.getMessage());
            return;
        }
        int nul = ContentFraming.indexOfNul(bytes, 1, bytes.length);
        assertEquals(vector.get("text"), new String(bytes, 0, nul, StandardCharsets.ISO_8859_1), "the readable text is the bytes up to the NUL");
        if (vector.containsKey("tail")) {
            String tail = (String) vector.get("tail");
            assertEquals(tail, new String(bytes, nul + 1, tail.length(), StandardCharsets.ISO_8859_1), "the leftovers follow the NUL");
        }
        Message message = PduCodec.decode(bytes, direction);
        @SuppressWarnings("unchecked")
        Map<String, Object> decoded = new LinkedHashMap<>((Map<String, Object>) vector.get("decoded"));
        assertEquals(decoded.remove("message"), message.getClass().getSimpleName());
        assertEquals(decoded, message.fields());

        byte[] encoded = PduCodec.encode(message);
        if (carriesBlock(vector)) {
            assertArrayEquals(bytes, encoded, "an extension block and the zeros after it are re-encoded byte for byte (EXT-1)");
            return;
        }
        assertArrayEquals(Arrays.copyOf(bytes, nul + 1), Arrays.copyOf(encoded, nul + 1), "re-encoded up to and including the NUL");
        for (int i = nul + 1; i < encoded.length; i++) {
            assertEquals(0, encoded[i], "our tail is zeros, at " + i);
        }
    }

    /** An extended vector whose name does not say its tail is leftovers carries a real block. */
    private static boolean carriesBlock(Map<String, Object> vector) {
        return "extended".equals(vector.get("profile")) && !((String) vector.get("name")).startsWith("ext-leftover-");
    }

    static Stream<Path> vectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(VECTORS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    /** The hex pairs of a vector's rows: after the row offset, before the ASCII view. */
    static byte[] hex(String rows) {
        String digits = rows.lines()
                .map(line -> line.strip())
                .filter(line -> !line.isEmpty())
                .map(line -> line.substring(line.indexOf(' '), line.indexOf('|')).replace(" ", ""))
                .collect(Collectors.joining());
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
