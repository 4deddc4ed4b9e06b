package org.p2pkit.conformance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.faulty.Fault;
import org.p2pkit.conformance.faulty.SmallIndex;
import org.p2pkit.conformance.report.ConsoleReport;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.PduCodec;

class SecurityFindingsTest {
    private static final Selection SOME = new Selection(List.of("index/register", "index/search"), List.of(), false);

    @Test
    void leftoversAfterTheNulAreAFindingThatLeavesTheVerdictAlone() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of(Fault.LEFTOVER_TAILS))) {
            List<Verdict> verdicts = new IndexSuite(index, 1000).run(ExchangeLoader.builtIn(), SOME, SuiteListener.SILENT);
            assertTrue(ConsoleReport.passed(verdicts), "a finding is not a failure");
            long found = verdicts.stream().filter(v -> !SecurityFindings.of(v).isEmpty()).count();
            assertEquals(verdicts.stream().filter(v -> v.outcome() == Outcome.PASS).count(), found, "every case that got a reply has the finding");
            assertTrue(SecurityFindings.of(verdicts.get(0)).get(0).startsWith("SEC-16: "));
        }
    }

    @Test
    void zeroTailsAreNoFinding() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of())) {
            List<Verdict> verdicts = new IndexSuite(index, 1000).run(ExchangeLoader.builtIn(), SOME, SuiteListener.SILENT);
            assertTrue(verdicts.stream().allMatch(v -> SecurityFindings.of(v).isEmpty()));
        }
    }

    @Test
    void theFirstNonZeroByteAfterTheNulIsFound() {
        byte[] pdu = PduCodec.encode(Acknowledgement.EMPTY);
        assertEquals(-1, SecurityFindings.firstNonZeroTailByte(pdu));
        pdu[60] = 'x';
        assertEquals(60, SecurityFindings.firstNonZeroTailByte(pdu));
        pdu[2] = 'y'; // still after the NUL at byte 1
        assertEquals(2, SecurityFindings.firstNonZeroTailByte(pdu));
    }
}
