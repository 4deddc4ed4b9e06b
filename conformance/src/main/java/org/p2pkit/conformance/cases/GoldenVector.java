package org.p2pkit.conformance.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.p2pkit.model.PduCodec;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The bytes of a golden vector of spec/vectors, which the suite carries: a case sends them as they
 * are when the model refuses to build such a PDU (a malformed one). The format is in the vectors'
 * README: the hex pairs of each row of {@code bytes}, after the row's offset, before its ASCII view.
 */
final class GoldenVector {
    private GoldenVector() {
    }

    static byte[] bytes(String name, String at) {
        Map<String, Object> vector = YamlTree.map(new Load(LoadSettings.builder().setLabel(name).build()).loadFromString(text(name, at)), at);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String row : YamlTree.string(vector, "bytes", at).lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            String hex = row.substring(row.indexOf(' '), row.indexOf('|')).replace(" ", "");
            bytes.writeBytes(HexFormat.of().parseHex(hex));
        }
        if (bytes.size() != PduCodec.PDU_SIZE) {
            throw new ExchangeFormatException(at, "vector " + name + " holds " + bytes.size() + " bytes, not one PDU of " + PduCodec.PDU_SIZE);
        }
        return bytes.toByteArray();
    }

    private static String text(String name, String at) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new ExchangeFormatException(at, "a vector is named by its file name without .yaml, e.g. classic-download-request");
        }
        try (InputStream in = GoldenVector.class.getClassLoader().getResourceAsStream("vectors/" + name + ".yaml")) {
            if (in == null) {
                throw new ExchangeFormatException(at, "no golden vector " + name + " in spec/vectors");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExchangeFormatException(at, "cannot read golden vector " + name + ": " + e.getMessage());
        }
    }
}
