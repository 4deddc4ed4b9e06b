package org.p2pkit.conformance.run;

import java.util.ArrayList;
import java.util.List;
import org.p2pkit.model.PduCodec;

/**
 * What a case saw the target send that discloses more than it should, without failing the case:
 * a PDU with non-zero bytes after its NUL (SEC-16) carries leftovers of earlier messages or memory.
 * Classic senders do that, and receivers ignore the tail (FRAME-3), so interoperability is intact.
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

    /** The offset of the first non-zero byte after the text's NUL, or -1 (also when there is no NUL). */
    static int firstNonZeroTailByte(byte[] pdu) {
        int nul = 1;
        while (nul < pdu.length && pdu[nul] != 0) {
            nul++;
        }
        for (int i = nul + 1; i < pdu.length; i++) {
            if (pdu[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
