package org.p2pkit.peer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** The 101 bytes of a golden vector in spec/vectors (the `bytes` block of its YAML file). */
final class GoldenVectors {
    private GoldenVectors() {
    }

    static byte[] bytes(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean inBytes = false;
        for (String line : Files.readAllLines(specDir().resolve("vectors").resolve(name + ".yaml"))) {
            if (line.startsWith("bytes:")) {
                inBytes = true;
            } else if (inBytes && line.startsWith("  ")) {
                String hex = line.substring(0, line.indexOf('|')).trim();
                String[] fields = hex.split("\\s+");
                for (int i = 1; i < fields.length; i++) { // fields[0] is the row offset
                    out.write(HexFormat.fromHexDigits(fields[i]));
                }
            } else {
                inBytes = false;
            }
        }
        return out.toByteArray();
    }

    private static Path specDir() {
        String configured = System.getProperty("p2p.spec.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("spec/pdu.ksy"))) {
                return at.resolve("spec");
            }
        }
        throw new IllegalStateException("spec folder not found; set -Dp2p.spec.dir");
    }
}
