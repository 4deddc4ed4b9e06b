package org.p2pkit.peer;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Gathers received pieces into large writes: a piece is at most 99 bytes, and a write per piece
 * (or a synchronized buffered stream) costs more than the copy.
 */
final class PieceSink implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buffer;
    private int end;

    PieceSink(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[size];
    }

    void add(byte[] bytes, int off, int len) throws IOException {
        if (len > buffer.length - end) {
            flush();
        }
        System.arraycopy(bytes, off, buffer, end, len);
        end += len;
    }

    void flush() throws IOException {
        if (end > 0) {
            out.write(buffer, 0, end);
            end = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
