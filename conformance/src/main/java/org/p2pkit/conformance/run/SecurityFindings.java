package org.p2pkit.conformance.run;

import java.util.ArrayList;
import java.util.List;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.Direction;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.PduCodec;

/**
 * What a case saw the target send that discloses more than it should, without failing the case:
 * a PDU with non-zero bytes after its NUL (SEC-16) carries leftovers of earlier messages or memory.
 * Classic senders do that, and receivers ignore the tail (FRAME-3), so interoperability is intact.
 * An extension block that the codec takes for one is no leftover (EXT-1); the bytes after it are.
 */
public final class SecurityFindings {
    private SecurityFindings() {
    }

    /** One line per finding of the verdict's wire log; empty when there is none. */
    public static List<String> of(Verdict verdict) {
        int leaky = 0;
        String first = null;
        for (WireEvent e : verdict.wire()) {
            if (e.kind() != WireEvent.Kind.RECEIVED || e.bytes().length != PduCodec.PDU_SIZE) {
                continue;
            }
            int at = firstNonZeroTailByte(e.bytes());
            if (at >= 0) {
                leaky++;
                if (first == null) {
                    first = e.text() + ", byte " + at;
                }
            }
        }
        List<String> findings = new ArrayList<>();
        if (leaky > 0) {
            findings.add("SEC-16: " + leaky + (leaky == 1 ? " PDU" : " PDUs") + " from the target carry non-zero bytes after the NUL,"
                    + " leftovers that disclose earlier messages (first: " + first + ")");
        }
        return findings;
    }

    /**
     * The offset of the first non-zero byte after the text's NUL, or after the extension block of a
     * PDU that decodes with one; -1 when there is none (also when there is no NUL).
     */
    static int firstNonZeroTailByte(byte[] pdu) {
        int tail = tailStart(pdu);
        for (int i = tail < 0 ? pdu.length : tail; i < pdu.length; i++) {
            if (pdu[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where the tail starts, as the codec reads the PDU in whichever direction it decodes (S differs by direction). */
    private static int tailStart(byte[] pdu) {
        for (Direction direction : Direction.values()) {
            try {
                return PduCodec.tailStart(pdu, PduCodec.decode(pdu, direction));
            } catch (MalformedPduException e) {
                // not a PDU of this direction
            }
        }
        int nul = ContentFraming.indexOfNul(pdu, 1, pdu.length);
        return nul < 0 ? -1 : nul + 1;
    }
}
