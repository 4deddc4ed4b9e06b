package org.p2pkit.model;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32C;
import org.p2pkit.model.grammar.ExtBlock;

/**
 * The extension block of the extended profile (spec section 11.1, {@code spec/ext_block.ksy}): it
 * starts right after the NUL that ends a PDU's text and ends with a CRC-32C of the PDU up to the
 * end of its body (EXT-1). The grammar gives the layout; this class finds the block, computes
 * and compares the check, and tells a block from leftovers (EXT-2).
 */
final class ExtensionBlock {
    private static final byte[] MAGIC = {(byte) 0xE5, 'X', '1'};
    /** Bytes before the body (magic, length) and after it (check). */
    private static final int HEAD = MAGIC.length + 1;
    private static final int CHECK = 4;

    private ExtensionBlock() {
    }

    /**
     * A block for a PDU of {@code pduType}, its check left for {@link #seal}. {@code body} makes the
     * body, given the block (the grammar's body types need their block as parent): a struct of the
     * grammar, or a byte array for a type whose body has no layout.
     */
    static ExtBlock of(int pduType, KaitaiStruct.ReadWrite parent, Function<ExtBlock, Object> body) {
        ExtBlock block = new ExtBlock(null, parent, null, pduType);
        Object made = body.apply(block);
        block.setMagic(MAGIC.clone());
        if (made instanceof KaitaiStruct.ReadWrite struct) {
            struct._check();
            block.setBodyLength(PduCodec.writtenSize(struct));
        } else {
            block.setBodyLength(((byte[]) made).length);
        }
        block.setBody(made);
        block.setCheck(0);
        block._check();
        return block;
    }

    /** The body of a stamp (EXT-4, EXT-6). */
    static ExtBlock.StampBody stampBody(ExtBlock block, ContentStamp stamp) {
        ExtBlock.StampBody body = new ExtBlock.StampBody(null, block, block);
        body.setSize(stamp.size());
        body.setSha256(stamp.digest());
        return body;
    }

    /** Writes {@code block} right after the NUL of {@code pdu}, whose tail is zeros, and seals it. */
    static byte[] append(byte[] pdu, ExtBlock block) {
        int start = ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1;
        ByteBufferKaitaiStream out = new ByteBufferKaitaiStream(HEAD + block.bodyLength() + CHECK);
        block._write(out);
        byte[] bytes = out.toByteArray();
        if (start + bytes.length > pdu.length) {
            throw new IllegalStateException("an extension block of " + bytes.length + " bytes does not fit after offset " + start);
        }
        System.arraycopy(bytes, 0, pdu, start, bytes.length);
        return seal(pdu);
    }

    /** Computes the check of the block after the NUL of {@code pdu} and writes it in place (EXT-1). */
    static byte[] seal(byte[] pdu) {
        int checkAt = checkOffset(pdu);
        int crc = crc(pdu, checkAt);
        pdu[checkAt] = (byte) (crc >>> 24);
        pdu[checkAt + 1] = (byte) (crc >>> 16);
        pdu[checkAt + 2] = (byte) (crc >>> 8);
        pdu[checkAt + 3] = (byte) crc;
        return pdu;
    }

    /**
     * The block in the tail of {@code pdu}, or empty when the tail holds leftovers instead: no
     * marker, a length that does not fit, a body shorter than its layout, or a wrong check (EXT-2).
     */
    static Optional<ExtBlock> find(byte[] pdu) {
        int nul = ContentFraming.indexOfNul(pdu, 1, pdu.length);
        int start = nul + 1;
        if (nul < 0 || start + HEAD + CHECK > pdu.length || !Arrays.equals(pdu, start, start + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        ExtBlock block = new ExtBlock(new ByteBufferKaitaiStream(Arrays.copyOfRange(pdu, start, pdu.length)), pdu[0] & 0xff);
        try {
            block._read();
        } catch (RuntimeException leftovers) {
            return Optional.empty();
        }
        return checkHolds(pdu, block) ? Optional.of(block) : Optional.empty();
    }

    /** Whether the check of {@code block}, read from {@code pdu}, matches the PDU's bytes (EXT-1). */
    static boolean checkHolds(byte[] pdu, ExtBlock block) {
        return crc(pdu, ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1 + HEAD + block.bodyLength()) == (int) block.check();
    }

    /** Offset of the check of the block that follows the NUL of {@code pdu}. */
    static int checkOffset(byte[] pdu) {
        int start = ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1;
        return start + HEAD + (pdu[start + MAGIC.length] & 0xff);
    }

    /** Offset just after the check of the block that follows the NUL of {@code pdu}. */
    static int endOffset(byte[] pdu) {
        return checkOffset(pdu) + CHECK;
    }

    private static int crc(byte[] pdu, int end) {
        CRC32C crc = new CRC32C();
        crc.update(pdu, 0, end);
        return (int) crc.getValue();
    }
}
