package org.p2pkit.model;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes PDUs to a TCP stream, many per system call (spec FRAME-5): PDUs collect in a buffer that
 * goes out when full or on {@link #flush()}.
 */
public final class PduWriter {
    private static final int DEFAULT_PDUS = 640;

    private final OutputStream out;
    private final byte[] buffer;
    private int end;

    public PduWriter(OutputStream out) {
        this(out, DEFAULT_PDUS);
    }

    public PduWriter(OutputStream out, int pdusPerWrite) {
        if (pdusPerWrite < 1) {
            throw new IllegalArgumentException("at least one PDU per write");
        }
        this.out = out;
        this.buffer = new byte[pdusPerWrite * PduCodec.PDU_SIZE];
    }

    /** Queues one message. */
    public void write(Message message) throws IOException {
        byte[] pdu = PduCodec.encode(message);
        room();
        System.arraycopy(pdu, 0, buffer, end, pdu.length);
        end += pdu.length;
    }

    /**
     * Queues {@code bytes[off, off+len)} as C PDUs of 99 bytes, the last one shorter (XFER-2, XFER-5).
     *
     * @throws IllegalArgumentException when the bytes hold a NUL, which cannot travel (XFER-6);
     *     nothing is queued then
     */
    public void writeContent(byte[] bytes, int off, int len) throws IOException {
        int nul = ContentFraming.indexOfNul(bytes, off, off + len);
        if (nul >= 0) {
            throw new IllegalArgumentException("content holds a NUL byte, which classic transfer cannot carry (XFER-6)");
        }
        int max = ContentFraming.maxPiece();
        for (int at = off; at < off + len; at += max) {
            room();
            end = ContentFraming.writePiece(bytes, at, Math.min(max, off + len - at), buffer, end);
        }
    }

    /** Sends everything queued. */
    public void flush() throws IOException {
        if (end > 0) {
            out.write(buffer, 0, end);
            end = 0;
        }
        out.flush();
    }

    private void room() throws IOException {
        if (end + PduCodec.PDU_SIZE > buffer.length) {
            out.write(buffer, 0, end);
            end = 0;
        }
    }
}
