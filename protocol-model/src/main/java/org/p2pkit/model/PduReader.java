package org.p2pkit.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads consecutive 101-byte PDUs from a TCP stream, however the bytes arrive (spec FRAME-5). It
 * reads in large blocks; a socket's read timeout applies to each block read.
 */
public final class PduReader {
    private static final int DEFAULT_BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;
    private int consumed;
    public PduReader(InputStream in) {
        this(in, DEFAULT_BUFFER);
    }

    public PduReader(InputStream in, int bufferSize) {
        if (bufferSize < PduCodec.PDU_SIZE) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes cannot hold a PDU");
        }
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /**
     * Makes the next PDU available at {@link #buffer()}[{@link #offset()}, +101).
     *
     * @return false at the end of the stream on a PDU boundary
     * @throws EOFException when the stream ends inside a PDU
     */
    public boolean next() throws IOException {
        start += consumed;
        consumed = 0;
        while (end - start < PduCodec.PDU_SIZE) {
            if (start > 0 && buffer.length - start < PduCodec.PDU_SIZE) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                if (end == start) {
                    return false;
                }
                throw new EOFException("stream ended after " + (end - start) + " of " + PduCodec.PDU_SIZE + " bytes of a PDU");
            }
            end += n;
        }
        consumed = PduCodec.PDU_SIZE;
        return true;
    }

    /** The buffer holding the current PDU; valid until the next call to {@link #next()}. */
    public byte[] buffer() {
        return buffer;
    }

    /** Where the current PDU starts in {@link #buffer()}. */
    public int offset() {
        return start;
    }

    /** A copy of the current PDU's 101 bytes. */
    public byte[] pduBytes() {
        return Arrays.copyOfRange(buffer, start, start + PduCodec.PDU_SIZE);
    }

    /**
     * Reads and decodes the next PDU.
     *
     * @return the message, or null at the end of the stream on a PDU boundary
     * @throws MalformedPduException when the PDU is not valid
     */
    public Message read(Direction direction) throws IOException {
        return next() ? PduCodec.decode(buffer, start, PduCodec.PDU_SIZE, direction) : null;
    }
}
