package org.p2pkit.conformance.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.p2pkit.model.Direction;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.PduCodec;

/** A fetch step may send a golden vector as it is (a PDU the model refuses to build) and match the text of the E it expects. */
class FetchStepTest {
    @Test
    void aVectorIsSentAsItsBytesAndTheReasonOfTheErrorIsMatched() {
        Step.Fetch fetch = parse("{from: bob, vector: malformed-download-offset-no-digest, expect: {error: true, reason: {starts_with: \"Malformed PDU: \"}, closed: true}}");
        byte[] bytes = ((PduTemplate.Vector) fetch.request()).bytes();
        assertEquals(PduCodec.PDU_SIZE, bytes.length);
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> PduCodec.decode(bytes, Direction.REQUEST));
        assertEquals(25, e.offset(), "the vector's own verdict: the offset has no digest");
        assertEquals(new FieldMatcher(FieldMatcher.Kind.STARTS_WITH, "Malformed PDU: "), fetch.reason());
        assertTrue(fetch.error() && fetch.closed());
    }

    @Test
    void anUnknownVectorOrAReasonWithoutAnErrorIsRefused() {
        assertRefused("no golden vector", "{from: bob, vector: no-such-vector, expect: {error: true}}");
        assertRefused("named by its file name", "{from: bob, vector: ../PROTOCOL, expect: {error: true}}");
        assertRefused("unknown key 'holder'", "{from: bob, vector: malformed-download-offset-no-digest, holder: alice, expect: {error: true}}");
        assertRefused("reason matches the text of the E", "{from: bob, holder: alice, content: song, expect: {file: song, reason: x}}");
    }

    private static void assertRefused(String reason, String step) {
        ExchangeFormatException e = assertThrows(ExchangeFormatException.class, () -> parse(step));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static Step.Fetch parse(String fetch) {
        return (Step.Fetch) OneStepExchange.parse("peer/ext-serve", "EXT-11", "{song: {size: 300}}", "fetch: " + fetch);
    }
}
