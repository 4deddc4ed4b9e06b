package org.p2pkit.index;

import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.PeerName;

/** The replies of the index whose text the spec fixes (spec sections 5.1 to 5.5, 9.1). */
final class IndexReplies {
    /** Reference A: empty text (IDX-REG-2). */
    static final Acknowledgement ACK = Acknowledgement.EMPTY;
    /** EXT-5: the A of an R whose stamp the index kept. */
    static final Acknowledgement STAMP_KEPT = Acknowledgement.STAMP_KEPT;
    /** IDX-REG-3, exact classic text. */
    static final ErrorReply ALREADY_REGISTERED =
            new ErrorReply("File already exist for the peer, did not register file again!");
    /** IDX-SEARCH-5 and IDX-DEREG-3, exact classic text. */
    static final ErrorReply NOT_FOUND = new ErrorReply("File not found!");
    /** SEC-2, exact text. */
    static final ErrorReply NAME_IN_USE = new ErrorReply("Peer name in use from another address");
    /** SEC-6, exact text. */
    static final ErrorReply NOT_SENDERS_HOST = new ErrorReply("Address is not the sender's host");

    /** PERSIST-2, exact text. */
    static final ErrorReply NOT_STORED = new ErrorReply("Index cannot store changes now");

    private static final String MALFORMED_PREFIX = "Malformed PDU: ";
    private static final int MAX_TEXT = 99; // TEXT-1

    private IndexReplies() {
    }

    /** E "Index full: ..." naming the limit that refused a registration (IDX-REG-5, SEC-8). */
    static ErrorReply indexFull(RegistrationOutcome outcome, IndexLimits limits, PeerName peer) {
        switch (outcome) {
            case PEER_LIMIT:
                return new ErrorReply("Index full: max peers (" + limits.maxPeers() + ") reached");
            case CONTENT_LIMIT:
                return new ErrorReply("Index full: max contents per peer (" + limits.maxContentsPerPeer()
                        + ") reached for " + peer.value());
            case REGISTRATION_LIMIT:
                return new ErrorReply("Index full: max registrations (" + limits.maxRegistrations() + ") reached");
            case HOST_PEER_LIMIT:
                return new ErrorReply("Index full: max peers per host (" + limits.maxPeersPerHost() + ") reached");
            case HOST_REGISTRATION_LIMIT:
                return new ErrorReply("Index full: max registrations per host (" + limits.maxRegistrationsPerHost()
                        + ") reached");
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
