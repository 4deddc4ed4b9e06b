package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PduReaderTest {
    private static final List<Message> STREAM = List.of(
            new ContentPiece("first piece\n".getBytes()),
            new ContentPiece("second".getBytes()),
            new ErrorReply("File not found!"),
            new ContentEnd());

    @Test
    void readsConsecutivePdusWhateverPointTheBytesAreSplitAt() throws IOException {
        byte[] bytes = concat(STREAM);
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(STREAM, readAll(new SplitStream(bytes, split)), "split at " + split);
        }
    }

    @Test
    void readsPdusArrivingOneByteAtATime() throws IOException {
        assertEquals(STREAM, readAll(new SplitStream(concat(STREAM), 1, 1)));
    }

    @Test
    void readsWithABufferOfExactlyOnePdu() throws IOException {
        PduReader reader = new PduReader(new SplitStream(concat(STREAM), 7, 13), PduCodec.PDU_SIZE);
        List<Message> read = new ArrayList<>();
        for (Message m; (m = reader.read(Direction.REPLY)) != null; ) {
            read.add(m);
        }
        assertEquals(STREAM, read);
    }

    @Test
    void aStreamCutInsideAPduIsReportedWithHowMuchArrived() throws IOException {
        byte[] bytes = concat(STREAM);
        PduReader reader = new PduReader(new ByteArrayInputStream(bytes, 0, 2 * PduCodec.PDU_SIZE + 37));
        assertTrue(reader.next());
        assertTrue(reader.next());
        EOFException e = assertThrows(EOFException.class, reader::next);
        assertTrue(e.getMessage().contains("37 of 101"), e.getMessage());
    }

    @Test
    void anEmptyStreamEndsCleanly() throws IOException {
        assertNull(new PduReader(new ByteArrayInputStream(new byte[0])).read(Direction.REPLY));
        assertFalse(new PduReader(new ByteArrayInputStream(new byte[0])).next());
    }

    @Test
    void rawBytesOfTheCurrentPduAreAvailable() throws IOException {
        PduReader reader = new PduReader(new ByteArrayInputStream(concat(STREAM)));
        reader.next();
        reader.next();
        assertEquals(new ContentPiece("second".getBytes()), PduCodec.decode(reader.pduBytes(), Direction.REPLY));
    }

    static List<Message> readAll(InputStream in) throws IOException {
        PduReader reader = new PduReader(in, 256);
        List<Message> read = new ArrayList<>();
        for (Message m; (m = reader.read(Direction.REPLY)) != null; ) {
            read.add(m);
        }
        return read;
    }

    static byte[] concat(List<Message> messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            out.write(PduCodec.encode(m));
        }
        return out.toByteArray();
    }

    /** Delivers the first {@code split} bytes in one read, then the rest in reads of {@code chunk}. */
    static final class SplitStream extends InputStream {
        private final byte[] bytes;
        private final int split;
        private final int chunk;
        private int at;

        SplitStream(byte[] bytes, int split) {
            this(bytes, split, Integer.MAX_VALUE);
        }

        SplitStream(byte[] bytes, int split, int chunk) {
            this.bytes = bytes;
            this.split = split;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= bytes.length) {
                return -1;
            }
            int limit = at < split ? split - at : chunk;
            int n = Math.min(Math.min(len, limit), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
