package org.p2pkit.conformance.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.faulty.Fault;
import org.p2pkit.conformance.faulty.RestartingIndex;
import org.p2pkit.conformance.targets.EmbeddedTargets;
import org.p2pkit.conformance.targets.IndexTarget;

class ExploreReferenceIndexTest {
    @TempDir
    Path tmp;

    @Test
    void theReferenceIndexDoesWhatTheModelSaysForFiveThousandRequests() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (IndexTarget index = EmbeddedTargets.referenceIndex()) {
            Explorer.Result result = new Explorer(index, 1000, new PrintStream(console, true)).run(7, Duration.ofSeconds(60), 5_000, tmp.resolve("x.yaml"));
            assertTrue(result.finding().isEmpty(), console.toString());
            assertEquals(5_000, result.steps());
        }
    }

    @Test
    void theSameSeedGivesTheSameSequenceAndTheSameShrunkCase() throws Exception {
        Explorer.Finding first = explore(Fault.COUNTS_PER_PEER, 11);
        Explorer.Finding second = explore(Fault.COUNTS_PER_PEER, 11);
        assertEquals(first.stepsUntilFound(), second.stepsUntilFound());
        assertEquals(first.exchange(), second.exchange());
        Explorer.Finding other = explore(Fault.COUNTS_PER_PEER, 12);
        assertTrue(other.stepsUntilFound() != first.stepsUntilFound() || !other.exchange().equals(first.exchange()), "another seed, another sequence");
    }

    private Explorer.Finding explore(Fault fault, long seed) throws Exception {
        try (RestartingIndex index = new RestartingIndex(fault)) {
            return new Explorer(index, 300, new PrintStream(new ByteArrayOutputStream(), true))
                    .run(seed, Duration.ofSeconds(30), 20_000, tmp.resolve(seed + ".yaml")).finding().orElseThrow();
        }
    }
}
