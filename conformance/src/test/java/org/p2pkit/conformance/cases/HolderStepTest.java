package org.p2pkit.conformance.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.p2pkit.model.Direction;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.PduCodec;

/** An extended holder may send a golden vector in place of H: an H the model refuses to build (EXT-13). */
class HolderStepTest {
    @Test
    void aHeaderVectorIsSentAsItsBytesInPlaceOfTheHeader() {
        Step.ExtendedAnswer answer = parse("{header_vector: malformed-transfer-header-offset-past-size}");
        byte[] bytes = answer.headerVector().bytes();
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> PduCodec.decode(bytes, Direction.REPLY));
        assertEquals("offset", e.field(), "the vector's own verdict: the offset is past the size, though the check holds");
        assertNull(parse("true").headerVector(), "a plain extended holder builds its H");
    }

    @Test
    void anUnknownHeaderVectorIsRefused() {
        ExchangeFormatException e = assertThrows(ExchangeFormatException.class, () -> parse("{header_vector: no-such-vector}"));
        assertTrue(e.getMessage().contains("no golden vector"), e.getMessage());
    }

    private static Step.ExtendedAnswer parse(String extended) {
        return ((Step.Holder) OneStepExchange.parse("peer/ext-download", "EXT-13", "{bin: {size: 300, share: false}}",
                "holder: {role: carol, serve: bin, extended: " + extended + "}")).extended();
    }
}
