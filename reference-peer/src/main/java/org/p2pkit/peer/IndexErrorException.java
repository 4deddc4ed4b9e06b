package org.p2pkit.peer;

/** The index answered a request with an error PDU (E); {@link #reason()} is its text. */
public class IndexErrorException extends IndexException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public IndexErrorException(String request, String reason) {
        super("the index refused to " + request + ": " + reason);
        this.reason = reason;
    }

    /** The text of the index's E reply, verbatim. */
    public String reason() {
        return reason;
    }
}
