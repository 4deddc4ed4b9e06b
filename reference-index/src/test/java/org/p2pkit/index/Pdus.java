package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/** Builders of raw PDU bytes for tests, and the one verifier of a received PDU. */
final class Pdus {
    private Pdus() {
    }

    static PeerName peer(String name) {
        return PeerName.of(name);
    }

    static ContentName content(String name) {
        return ContentName.of(name);
    }

    static PeerAddress address(String host, int port) {
        return new PeerAddress(host, port);
    }

    /** The classic bytes of a message (the codec writes what the original programs send). */
    static byte[] of(Message message) {
        return PduCodec.encode(message);
    }

    /** A 101-byte PDU: the type letter, the text, a NUL, zeros. */
    static byte[] text(char type, String text) {
        byte[] pdu = new byte[PduCodec.PDU_SIZE];
        pdu[0] = (byte) type;
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, pdu, 1, bytes.length);
        return pdu;
    }

    /** A copy of {@code pdu} with the bytes from {@code offset} replaced. */
    static byte[] patched(byte[] pdu, int offset, byte... bytes) {
        byte[] copy = pdu.clone();
        System.arraycopy(bytes, 0, copy, offset, bytes.length);
        return copy;
    }

    /** A copy of {@code pdu} with the text {@code ascii} written from {@code offset}. */
    static byte[] patched(byte[] pdu, int offset, String ascii) {
        return patched(pdu, offset, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A copy of {@code pdu} with a different type letter. */
    static byte[] retyped(byte[] pdu, char type) {
        return patched(pdu, 0, (byte) type);
    }

    /** {@code pdu} cut or extended (with {@code fill}) to {@code length} bytes. */
    static byte[] resized(byte[] pdu, int length, byte fill) {
        byte[] copy = Arrays.copyOf(pdu, length);
        Arrays.fill(copy, Math.min(length, pdu.length), length, fill);
        return copy;
    }

    /** The text of a PDU: the bytes after the type letter up to the first NUL. */
    static String textOf(byte[] pdu) {
        int end = 1;
        while (end < pdu.length && pdu[end] != 0) {
            end++;
        }
        return new String(pdu, 1, end - 1, StandardCharsets.ISO_8859_1);
    }

    /**
     * The one check of a received reply: exactly 101 bytes (FRAME-1, FRAME-4), the same bytes as
     * the expected message's encoding up to and including the NUL (the tail is unspecified,
     * FRAME-3), and it decodes to the expected message field by field.
     */
    static void assertPdu(Message expected, byte[] actual) {
        assertEquals(PduCodec.PDU_SIZE, actual.length, "reply size (FRAME-4)");
        byte[] wanted = PduCodec.encode(expected);
        int end = 1;
        while (wanted[end] != 0) {
            end++;
        }
        assertEquals((char) wanted[0] + textOf(wanted), (char) actual[0] + textOf(actual), "type and text");
        assertArrayEquals(Arrays.copyOf(wanted, end + 1), Arrays.copyOf(actual, end + 1),
                "bytes up to and including the NUL");
        assertEquals(expected.fields(), PduCodec.decode(actual, Direction.REPLY).fields(), "decoded fields");
    }
}
