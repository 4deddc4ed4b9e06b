package org.p2pkit.conformance.run;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.ConformanceTests;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.roles.ConsoleDriver;
import org.p2pkit.conformance.targets.EmbeddedPeerTarget;
import org.p2pkit.conformance.targets.EmbeddedTargets;
import org.p2pkit.conformance.targets.IndexTarget;

/**
 * The reference index and peer pass every case, strict mode included, through the JUnit entry
 * point; the peer for now only the classic ones, until it speaks the extended profile.
 */
class ReferenceImplementationsConformTest {
    private static final IndexTarget INDEX = EmbeddedTargets.referenceIndex();
    private static final Selection STRICT = new Selection(List.of(), List.of(), true);

    @TempDir
    static Path work;

    @AfterAll
    static void stop() {
        INDEX.close();
    }

    @TestFactory
    Stream<DynamicTest> referenceIndexPassesEveryIndexCase() {
        return ConformanceTests.index(INDEX, STRICT, 1000);
    }

    @TestFactory
    Stream<DynamicTest> referencePeerPassesEveryPeerCase() {
        return ConformanceTests.peer(new EmbeddedPeerTarget(), ConsoleDriver.CLASSIC, "{content}.txt", work, STRICT, 1000);
    }
}
