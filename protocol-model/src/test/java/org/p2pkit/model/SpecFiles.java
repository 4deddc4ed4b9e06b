package org.p2pkit.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the spec folder: from the build's system property, else by walking up from here. */
final class SpecFiles {
    private SpecFiles() {
    }

    static Path dir() {
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
