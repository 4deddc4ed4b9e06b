package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.model.Generators.bytes;
import static org.p2pkit.model.Generators.nulFreeBytes;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** The bulk content path gives exactly what the codec gives (spec XFER-2, XFER-5, XFER-6). */
class ContentFramingTest {
    @Test
    void aFramedPieceIsByteForByteTheCodecsEncoding() {
        qt().withExamples(1000).forAll(nulFreeBytes(ContentPiece.MAX_BYTES)).checkAssert(piece -> {
            byte[] framed = new byte[PduCodec.PDU_SIZE + 3];
            int end = ContentFraming.writePiece(piece, 0, piece.length, framed, 3);
            assertEquals(PduCodec.PDU_SIZE + 3, end);
            assertArrayEquals(PduCodec.encode(new ContentPiece(piece)), Arrays.copyOfRange(framed, 3, end));
        });
    }

    @Test
    void theBulkReaderAgreesWithTheCodecOnArbitraryPdus() {
        qt().withExamples(3000).forAll(bytes(PduCodec.PDU_SIZE, PduCodec.PDU_SIZE), SourceDSL.booleans().all())
                .checkAssert(ContentFramingTest::bulkReaderAgreesWithTheCodec);
    }

    @Test
    void writtenContentReadsBackAsThePiecesOfTheFile() {
        qt().withExamples(1000).forAll(nulFreeBytes(2000)).checkAssert(file -> {
            try {
                writeAndReadBack(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void contentWithANulIsRefusedBeforeAnythingIsQueued() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduWriter writer = new PduWriter(out);
        byte[] file = new byte[500];
        Arrays.fill(file, (byte) 'a');
        file[400] = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.writeContent(file, 0, file.length));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        writer.flush();
        assertEquals(0, out.size());
    }

    @Test
    void manyPdusGoOutInOneWrite() throws IOException {
        int[] writes = {0};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes[0]++;
                super.write(b, off, len);
            }
        };
        PduWriter writer = new PduWriter(sink, 100);
        byte[] file = new byte[99 * 250];
        Arrays.fill(file, (byte) 'z');
        writer.writeContent(file, 0, file.length);
        writer.flush();
        assertEquals(250 * PduCodec.PDU_SIZE, sink.size());
        assertEquals(3, writes[0], "250 PDUs in writes of 100");
    }

    private static void bulkReaderAgreesWithTheCodec(byte[] pdu, boolean asContent) {
        if (asContent) {
            pdu[0] = 'C';
        }
        int length = ContentFraming.pieceLength(pdu, 0);
        Message decoded;
        try {
            decoded = PduCodec.decode(pdu, Direction.REPLY);
        } catch (MalformedPduException e) {
            assertEquals(-1, length, "the bulk path took a malformed PDU as a piece");
            return;
        }
        if (decoded instanceof ContentPiece piece) {
            int at = ContentFraming.pieceOffset(0);
            assertArrayEquals(piece.bytes(), Arrays.copyOfRange(pdu, at, at + length));
        } else {
            assertEquals(-1, length, "the bulk path took " + decoded + " as a piece");
        }
    }

    private static void writeAndReadBack(byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduWriter writer = new PduWriter(out, 3);
        writer.writeContent(file, 0, file.length);
        writer.write(new ContentEnd());
        writer.flush();
        byte[] stream = out.toByteArray();

        int pieces = (file.length + 98) / 99;
        assertEquals((pieces + 1) * PduCodec.PDU_SIZE, stream.length, "full 99-byte pieces, then F");
        PduReader reader = new PduReader(new ByteArrayInputStream(stream));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Message last = null;
        while (reader.next()) {
            int length = ContentFraming.pieceLength(reader.buffer(), reader.offset());
            if (length >= 0) {
                received.write(reader.buffer(), ContentFraming.pieceOffset(reader.offset()), length);
            } else {
                last = PduCodec.decode(reader.buffer(), reader.offset(), PduCodec.PDU_SIZE, Direction.REPLY);
            }
        }
        assertArrayEquals(file, received.toByteArray());
        assertEquals(new ContentEnd(), last);
    }
}
