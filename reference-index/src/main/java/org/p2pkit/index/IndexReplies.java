package org.p2pkit.index;

import java.util.List;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PeerName;

/** The replies of the index whose text the spec fixes (spec "Exact texts", sections 5.1 to 5.5). */
final class IndexReplies {
    /** Reference A: empty text (IDX-REG-2). */
    static final Acknowledgement ACK = Acknowledgement.EMPTY;
    /** IDX-REG-3, exact classic text. */
    static final ErrorReply ALREADY_REGISTERED =
            new ErrorReply("File already exist for the peer, did not register file again!");
    /** IDX-SEARCH-5 and IDX-DEREG-3, exact classic text. */
    static final ErrorReply NOT_FOUND = new ErrorReply("File not found!");

    static final List<Message> NONE = List.of();
    static final List<Message> ACK_ONLY = List.of(ACK);
    static final List<Message> ALREADY_REGISTERED_ONLY = List.of(ALREADY_REGISTERED);
    static final List<Message> NOT_FOUND_ONLY = List.of(NOT_FOUND);

    private static final String MALFORMED_PREFIX = "Malformed PDU: ";
    private static final int MAX_TEXT = 99; // TEXT-1

    private IndexReplies() {
    }

    /** E "Index full: ..." naming the limit that refused a registration (IDX-REG-5). */
    static ErrorReply indexFull(RegistrationOutcome outcome, IndexLimits limits, PeerName peer) {
        switch (outcome) {
            case PEER_LIMIT:
                return new ErrorReply("Index full: max peers (" + limits.maxPeers() + ") reached");
            case CONTENT_LIMIT:
                return new ErrorReply("Index full: max contents per peer (" + limits.maxContentsPerPeer()
                        + ") reached for " + peer.value());
            case REGISTRATION_LIMIT:
                return new ErrorReply("Index full: max registrations (" + limits.maxRegistrations() + ") reached");
            default:
                throw new IllegalArgumentException(outcome + " is not a limit");
        }
    }

    /**
     * E "Malformed PDU: &lt;field&gt; at offset &lt;n&gt;: &lt;problem&gt;" (RECV-4, RECV-5). The problem may
     * quote the offending bytes, so anything but printable ASCII becomes '?' and the text is cut to
     * the 99 characters an E can carry (TEXT-1).
     */
    static String malformedText(MalformedPduException e) {
        String text = MALFORMED_PREFIX + e.field() + " at offset " + e.offset() + ": " + e.problem();
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && safe.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            safe.append(c >= ' ' && c <= '~' ? c : '?');
        }
        if (text.length() > MAX_TEXT) {
            safe.setLength(MAX_TEXT - 3);
            safe.append("...");
        }
        return safe.toString();
    }
}
