package org.p2pkit.model;

import java.util.Arrays;

/**
 * The bulk path for content streams (spec XFER-2, XFER-5): frames file bytes into C PDUs and takes
 * pieces out of C PDUs without building a message per piece.
 *
 * <p>It holds no layout of its own: at class load it encodes probe pieces with {@link PduCodec}
 * (and so with the code generated from the grammar) and learns where the type letter and the
 * piece sit. Every result equals what {@link PduCodec} gives for the same bytes; the tests check
 * that for arbitrary input.
 */
public final class ContentFraming {
    private static final byte[] EMPTY_PIECE_PDU = PduCodec.encode(new ContentPiece(new byte[0]));
    private static final byte CONTENT_TYPE = EMPTY_PIECE_PDU[0];
    private static final int PIECE_OFFSET = learnPieceOffset();

    private ContentFraming() {
    }

    /** The bytes one C PDU carries at most. */
    public static int maxPiece() {
        return ContentPiece.MAX_BYTES;
    }

    /**
     * Writes {@code src[off, off+len)} as one C PDU into {@code dst} at {@code dstOff}; the bytes
     * must hold no NUL (XFER-6) and {@code len} must be 0..99.
     *
     * @return the offset just after the PDU written
     */
    public static int writePiece(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if (len < 0 || len > ContentPiece.MAX_BYTES) {
            throw new IllegalArgumentException("a content piece carries 0.." + ContentPiece.MAX_BYTES + " bytes, got " + len);
        }
        System.arraycopy(EMPTY_PIECE_PDU, 0, dst, dstOff, PduCodec.PDU_SIZE);
        System.arraycopy(src, off, dst, dstOff + PIECE_OFFSET, len);
        return dstOff + PduCodec.PDU_SIZE;
    }

    /** The offset of the first NUL in {@code bytes[from, to)}, or -1: a file with one cannot travel (XFER-6). */
    public static int indexOfNul(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The piece carried by the C PDU at {@code pdu[off, off+101)}: its length, with the bytes at
     * {@link #pieceOffset(int)}; or -1 when the PDU is anything else, to be decoded with
     * {@link PduCodec#decode(byte[], int, int, Direction)}.
     */
    public static int pieceLength(byte[] pdu, int off) {
        if (pdu[off] != CONTENT_TYPE) {
            return -1;
        }
        int start = off + PIECE_OFFSET;
        int nul = indexOfNul(pdu, start, off + PduCodec.PDU_SIZE);
        return nul < 0 ? -1 : nul - start;
    }

    /** Where the piece starts in a C PDU that begins at {@code off}. */
    public static int pieceOffset(int off) {
        return off + PIECE_OFFSET;
    }

    private static int learnPieceOffset() {
        byte[] marker = new byte[ContentPiece.MAX_BYTES];
        Arrays.fill(marker, (byte) 0x01);
        byte[] full = PduCodec.encode(new ContentPiece(marker));
        int offset = indexOf(full, (byte) 0x01);
        boolean contiguous = offset > 0 && offset + marker.length < PduCodec.PDU_SIZE
                && Arrays.equals(full, offset, offset + marker.length, marker, 0, marker.length)
                && full[offset + marker.length] == 0
                && Arrays.equals(full, 0, offset, EMPTY_PIECE_PDU, 0, offset);
        if (!contiguous) {
            throw new IllegalStateException("the grammar's C layout is not one NUL-ended piece; the bulk path cannot follow it");
        }
        return offset;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
