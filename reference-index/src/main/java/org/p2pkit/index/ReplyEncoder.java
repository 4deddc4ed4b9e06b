package org.p2pkit.index;

import org.p2pkit.model.ListEnd;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.SearchHit;

/**
 * Encodes replies for one server thread, reusing the bytes of replies that repeat: the fixed
 * replies are encoded once, and the hits of recently chosen holders are kept in a small cache
 * keyed by identity (the registry hands out one {@link SearchHit} per peer and address, and per
 * stamped registration).
 * Everything else goes through {@link PduCodec#encode}. Not thread-safe: one per thread.
 */
final class ReplyEncoder {
    private static final byte[] ACK = PduCodec.encode(IndexReplies.ACK);
    private static final byte[] STAMP_KEPT = PduCodec.encode(IndexReplies.STAMP_KEPT);
    private static final byte[] ALREADY_REGISTERED = PduCodec.encode(IndexReplies.ALREADY_REGISTERED);
    private static final byte[] NOT_FOUND = PduCodec.encode(IndexReplies.NOT_FOUND);
    private static final byte[] LIST_COMPLETE = PduCodec.encode(ListEnd.COMPLETE);
    private static final int HIT_SLOTS = 256; // a power of two

    private final SearchHit[] hits = new SearchHit[HIT_SLOTS];
    private final byte[][] hitPdus = new byte[HIT_SLOTS][];

    /** The 101-byte PDU of {@code reply}; callers must not change the returned array. */
    byte[] encode(Message reply) {
        if (reply == IndexReplies.ACK) {
            return ACK;
        } else if (reply == IndexReplies.STAMP_KEPT) {
            return STAMP_KEPT;
        } else if (reply == IndexReplies.NOT_FOUND) {
            return NOT_FOUND;
        } else if (reply == IndexReplies.ALREADY_REGISTERED) {
            return ALREADY_REGISTERED;
        } else if (reply == ListEnd.COMPLETE) {
            return LIST_COMPLETE;
        } else if (reply instanceof SearchHit hit) {
            int slot = System.identityHashCode(hit) & (HIT_SLOTS - 1);
            if (hits[slot] != hit) {
                hitPdus[slot] = PduCodec.encode(hit);
                hits[slot] = hit;
            }
            return hitPdus[slot];
        }
        return PduCodec.encode(reply);
    }
}
