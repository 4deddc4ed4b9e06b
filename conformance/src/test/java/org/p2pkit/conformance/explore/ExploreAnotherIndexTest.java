package org.p2pkit.conformance.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.run.Outcome;

/** Against an index written by someone else, what exploration hands back is a handful of requests. */
class ExploreAnotherIndexTest {
    private static final int HANDFUL = 6;

    @TempDir
    Path tmp;

    @Test
    void aCorrectIndexWrittenElsewhereShowsNoDivergence() throws Exception {
        assertTrue(explore(AnotherIndex.Quirk.NONE).finding().isEmpty());
    }

    @Test
    void aDeviationInTheSelectionRuleShrinksToAHandfulOfRequests() throws Exception {
        Explorer.Finding finding = explore(AnotherIndex.Quirk.TIE_BY_NAME).finding().orElseThrow();
        assertTrue(finding.minimalRequests() <= HANDFUL, finding.exchange());
        assertEquals("IDX-SEARCH-2", finding.requirements().get(0), finding.exchange());
        assertFailsAgainstTheQuirkOnly(AnotherIndex.Quirk.TIE_BY_NAME, finding);
    }

    @Test
    void anIndexThatStopsAnsweringOnOneRequestShrinksToAHandfulOfRequests() throws Exception {
        Explorer.Finding finding = explore(AnotherIndex.Quirk.DIES_ON_EMPTIED_CONTENT).finding().orElseThrow();
        assertTrue(finding.minimalRequests() <= HANDFUL, finding.exchange());
        assertTrue(finding.summary().startsWith("nothing arrived"), finding.summary());
        assertFailsAgainstTheQuirkOnly(AnotherIndex.Quirk.DIES_ON_EMPTIED_CONTENT, finding);
    }

    private Explorer.Result explore(AnotherIndex.Quirk quirk) throws Exception {
        try (AnotherIndex index = new AnotherIndex(quirk)) {
            return new Explorer(index, 300, new PrintStream(new ByteArrayOutputStream(), true)).run(5, Duration.ofSeconds(20), 3_000, tmp.resolve(quirk + ".yaml"));
        }
    }

    private static void assertFailsAgainstTheQuirkOnly(AnotherIndex.Quirk quirk, Explorer.Finding finding) {
        List<ConformanceCase> cases = ExchangeLoader.parse("explore.yaml", finding.exchange());
        try (AnotherIndex faulty = new AnotherIndex(quirk); AnotherIndex correct = new AnotherIndex(AnotherIndex.Quirk.NONE)) {
            assertTrue(ExploreFindsStatefulFaultsTest.replay(faulty, cases) != Outcome.PASS, finding.exchange());
            assertEquals(Outcome.PASS, ExploreFindsStatefulFaultsTest.replay(correct, cases), finding.exchange());
        }
    }
}
