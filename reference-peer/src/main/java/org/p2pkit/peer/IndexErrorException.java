package org.p2pkit.peer;

/** The index answered a request with an error PDU (E); {@link #reason()} is its text. */
public class IndexErrorException extends IndexException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public IndexErrorException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** The index refused {@code request} (e.g. "register 'song'") with {@code reason}. */
    public static IndexErrorException refused(String request, String reason) {
        return new IndexErrorException("the index refused to " + request + ": " + reason, reason);
    }

    /** The text of the index's E reply, verbatim. */
    public String reason() {
        return reason;
    }
}
