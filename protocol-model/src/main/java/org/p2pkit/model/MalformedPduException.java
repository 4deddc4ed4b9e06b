package org.p2pkit.model;

/**
 * The one exception {@link PduCodec} raises for bytes that are not a valid PDU: it names the
 * field and the byte offset in the 101-byte PDU where decoding failed (spec RECV-5).
 */
public final class MalformedPduException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;
    private final String problem;

    public MalformedPduException(String field, int offset, String problem) {
        super("malformed PDU: " + field + " at offset " + offset + ": " + problem);
        this.field = field;
        this.offset = offset;
        this.problem = problem;
    }

    /** The grammar's name of the field that failed ({@code pdu} for the whole PDU). */
    public String field() {
        return field;
    }

    /** Offset of the failing field in the PDU, counting the type byte as 0. */
    public int offset() {
        return offset;
    }

    /** What is wrong, without the field and offset. */
    public String problem() {
        return problem;
    }
}
