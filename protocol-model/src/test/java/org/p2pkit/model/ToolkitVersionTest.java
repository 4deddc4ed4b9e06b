package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToolkitVersionTest {
    @Test
    void versionIsFilledInByTheBuild() {
        // an unfiltered resource would still read "${project.version}"
        String version = ToolkitVersion.get();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version);
    }
}
