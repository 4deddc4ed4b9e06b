package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.p2pkit.model.Generators.extendedMessages;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** The extension block of the extended profile (spec section 11.1): found when it is one, taken for leftovers otherwise. */
class ExtensionBlockTest {
    private static final PeerName ALICE = new PeerName("alice");
    private static final ContentName SONG = new ContentName("song");
    private static final PeerAddress ADDRESS = PeerAddress.parse("127.0.0.1/40001");
    private static final ContentStamp STAMP = ContentStamp.of(5, new byte[32]);

    @Test
    void everyExtendedMessageSurvivesARoundTrip() {
        qt().withExamples(1000).forAll(extendedMessages()).checkAssert(message -> {
            byte[] pdu = PduCodec.encode(message);
            assertEquals(PduCodec.PDU_SIZE, pdu.length);
            assertEquals(message, PduCodec.decode(pdu, PduCodecPropertiesTest.directionOf(message)));
        });
    }

    @Test
    void anyChangedByteOfTheBlockMakesItLeftovers() {
        qt().withExamples(1000).forAll(extendedMessages().assuming(m -> !(m instanceof TransferHeader)), Generate.range(0, 200), Generate.range(1, 255))
                .checkAssert((message, at, flip) -> {
                    byte[] pdu = PduCodec.encode(message);
                    int start = ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1;
                    int end = ExtensionBlock.endOffset(pdu);
                    int i = start + at % (end - start);
                    pdu[i] ^= (byte) flip.intValue();
                    Message decoded = PduCodec.decode(pdu, PduCodecPropertiesTest.directionOf(message));
                    assertEquals(classic(message), decoded, "byte " + i + " changed");
                });
    }

    @Test
    void theTailOfAnExtendedMessageStartsAfterItsBlockAndIsZeros() {
        qt().withExamples(300).forAll(extendedMessages()).checkAssert(message -> {
            byte[] pdu = PduCodec.encode(message);
            int tail = PduCodec.tailStart(pdu, message);
            assertEquals(ExtensionBlock.endOffset(pdu), tail);
            assertEquals(0, Arrays.stream(toInts(pdu, tail)).sum(), "zeros after the block (EXT-1)");
        });
    }

    @Test
    void theTailOfAClassicMessageStartsAfterItsNul() {
        byte[] pdu = PduCodec.encode(new SearchHit(ALICE, ADDRESS));
        assertEquals(ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1, PduCodec.tailStart(pdu, PduCodec.decode(pdu, Direction.REPLY)));
    }

    @Test
    void aBlockLeftOverFromAnotherPduIsNotTakenForOne() {
        // The original index replies from the buffer it received in: a hit could carry an R's block.
        byte[] registration = PduCodec.encode(new Registration(ALICE, SONG, ADDRESS, Optional.of(STAMP)));
        byte[] hit = PduCodec.encode(new SearchHit(ALICE, ADDRESS));
        int regStart = ContentFraming.indexOfNul(registration, 1, 101) + 1;
        int hitStart = ContentFraming.indexOfNul(hit, 1, 101) + 1;
        System.arraycopy(registration, regStart, hit, hitStart, 101 - Math.max(regStart, hitStart));
        assertEquals(new SearchHit(ALICE, ADDRESS), PduCodec.decode(hit, Direction.REPLY));
    }

    @Test
    void classicMessagesKeepTheirBytes() {
        byte[] classic = PduCodec.encode(new Registration(ALICE, SONG, ADDRESS));
        byte[] stamped = PduCodec.encode(new Registration(ALICE, SONG, ADDRESS, Optional.of(STAMP)));
        assertArrayEquals(Arrays.copyOf(classic, 41), Arrays.copyOf(stamped, 41), "the text and its NUL do not change");
        assertEquals(0, Arrays.stream(toInts(classic, 41)).sum(), "a classic tail is zeros");
    }

    @Test
    void aHeaderWithAWrongCheckIsMalformedAtTheCheck() {
        byte[] pdu = PduCodec.encode(new TransferHeader(ALICE, SONG, STAMP, 0));
        int checkAt = ExtensionBlock.checkOffset(pdu);
        pdu[checkAt] ^= 1;
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> PduCodec.decode(pdu, Direction.REPLY));
        assertEquals("check", e.field());
        assertEquals(checkAt, e.offset());
    }

    @Test
    void aHeaderWithoutItsBlockIsMalformedAtTheMarker() {
        byte[] pdu = PduCodec.encode(new TransferHeader(ALICE, SONG, STAMP, 0));
        Arrays.fill(pdu, 21, 101, (byte) 0);
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> PduCodec.decode(pdu, Direction.REPLY));
        assertEquals("magic", e.field());
        assertEquals(21, e.offset());
    }

    @Test
    void aResumeOffsetWithoutADigestIsMalformed() {
        byte[] pdu = PduCodec.encode(new DownloadRequest(ALICE, SONG, Optional.of(ResumePoint.after(7, STAMP))));
        Arrays.fill(pdu, 33, 65, (byte) 0); // the digest; the offset stays 7
        ExtensionBlock.seal(pdu);
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> PduCodec.decode(pdu, Direction.REQUEST));
        assertEquals("offset", e.field());
        assertEquals(25, e.offset());
    }

    private static int[] toInts(byte[] bytes, int from) {
        return java.util.stream.IntStream.range(from, bytes.length).map(i -> bytes[i] & 0xff).toArray();
    }

    /** The message a classic receiver sees: the same fields without the extension. */
    private static Message classic(Message m) {
        if (m instanceof Registration r) {
            return new Registration(r.peer(), r.content(), r.address());
        } else if (m instanceof SearchHit h) {
            return new SearchHit(h.holder(), h.address());
        } else if (m instanceof Acknowledgement a) {
            return new Acknowledgement(a.text());
        } else if (m instanceof DownloadRequest d) {
            return new DownloadRequest(d.holder(), d.content());
        }
        throw new IllegalArgumentException(String.valueOf(m));
    }
}
