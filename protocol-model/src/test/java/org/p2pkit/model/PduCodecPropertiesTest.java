package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pkit.model.Generators.anyByte;
import static org.p2pkit.model.Generators.bytes;
import static org.p2pkit.model.Generators.messages;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Round trips and robustness of the codec over generated messages and bytes (spec sections 3 to 6). */
class PduCodecPropertiesTest {
    private static final List<Byte> TYPE_LETTERS = "ACDEFORSTXZ".chars().mapToObj(c -> (byte) c).toList();
    private static final Gen<Direction> DIRECTIONS = Generate.enumValues(Direction.class);

    @Test
    void everyMessageSurvivesARoundTrip() {
        qt().withExamples(1000).forAll(messages()).checkAssert(message -> {
            byte[] pdu = PduCodec.encode(message);
            assertEquals(PduCodec.PDU_SIZE, pdu.length);
            assertEquals(message, PduCodec.decode(pdu, directionOf(message)));
        });
    }

    @Test
    void bytesAfterTheNulNeverChangeTheDecodedMessage() {
        qt().withExamples(1000).forAll(messages(), bytes(100, 100)).checkAssert((message, noise) -> {
            byte[] pdu = PduCodec.encode(message);
            int nul = ContentFraming.indexOfNul(pdu, 1, pdu.length);
            System.arraycopy(noise, 0, pdu, nul + 1, pdu.length - nul - 1);
            assertEquals(message, PduCodec.decode(pdu, directionOf(message)));
        });
    }

    @Test
    void arbitraryBytesOfAnyLengthDecodeOrRaiseTheDocumentedException() {
        qt().withExamples(3000).forAll(bytes(0, 300), DIRECTIONS).checkAssert(PduCodecPropertiesTest::decodeOrMalformed);
    }

    @Test
    void arbitraryPdusOfKnownTypesDecodeOrRaiseTheDocumentedException() {
        Gen<byte[]> printable = Generate.byteArrays(Generate.constant(PduCodec.PDU_SIZE), Generate.bytes((byte) 0, (byte) 0x7f, (byte) 0));
        Gen<byte[]> pdus = printable.zip(Generate.pick(TYPE_LETTERS), (bytes, type) -> {
            bytes[0] = type;
            return bytes;
        }).describedAs(Arrays::toString);
        qt().withExamples(5000).forAll(pdus, DIRECTIONS).checkAssert(PduCodecPropertiesTest::decodeOrMalformed);
    }

    @Test
    void mutatedValidPdusDecodeOrRaiseTheDocumentedException() {
        Gen<List<Integer>> positions = SourceDSL.lists().of(Generate.range(0, PduCodec.PDU_SIZE - 1)).ofSizeBetween(1, 4);
        qt().withExamples(3000).forAll(messages(), positions, anyByte(), DIRECTIONS).checkAssert((message, at, value, direction) -> {
            byte[] pdu = PduCodec.encode(message);
            at.forEach(i -> pdu[i] = value);
            decodeOrMalformed(pdu, direction);
        });
    }

    private static void decodeOrMalformed(byte[] bytes, Direction direction) {
        try {
            Message message = PduCodec.decode(bytes, direction);
            assertEquals(PduCodec.PDU_SIZE, bytes.length);
            // Whatever decodes re-encodes to something that decodes to the same message.
            assertEquals(message, PduCodec.decode(PduCodec.encode(message), directionOf(message)));
        } catch (MalformedPduException e) {
            if (e.offset() < 0 || e.offset() > PduCodec.PDU_SIZE || e.field().isEmpty()) {
                throw new AssertionError("exception without a usable location: " + e.getMessage(), e);
            }
        }
    }

    static Direction directionOf(Message message) {
        return message instanceof SearchHit || message instanceof ListEntry || message instanceof EmptyListEntry
                ? Direction.REPLY : Direction.REQUEST;
    }
}
