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

    @Test
    void anExtensionBlockFollowedByZerosIsNoFinding() {
        byte[] pdu = PduCodec.encode(Acknowledgement.STAMP_KEPT);
        assertEquals(-1, SecurityFindings.firstNonZeroTailByte(pdu));
        int afterBlock = PduCodec.tailStart(pdu, Acknowledgement.STAMP_KEPT);
        pdu[afterBlock + 3] = 'x';
        assertEquals(afterBlock + 3, SecurityFindings.firstNonZeroTailByte(pdu), "bytes after the block are leftovers (EXT-1)");
    }

    @Test
    void aBlockWhoseCheckFailsIsAFinding() {
        byte[] pdu = PduCodec.encode(Acknowledgement.STAMP_KEPT);
        pdu[PduCodec.tailStart(pdu, Acknowledgement.STAMP_KEPT) - 1] ^= 1;
        assertEquals(2, SecurityFindings.firstNonZeroTailByte(pdu), "the marker right after the NUL is where the leftovers start");
    }
}
