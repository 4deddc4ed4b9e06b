package org.p2pkit.index;

/**
 * The registry's explicit capacity; a registration past any of them is refused with
 * E "Index full: ..." (spec IDX-REG-5, LIMIT-*).
 *
 * @param maxPeers peers registered at once
 * @param maxContentsPerPeer contents one peer holds at once
 * @param maxRegistrations (peer, content) registrations in the whole index at once
 */
public record IndexLimits(int maxPeers, int maxContentsPerPeer, int maxRegistrations) {
    public static final int DEFAULT_MAX_PEERS = 100_000;
    public static final int DEFAULT_MAX_CONTENTS_PER_PEER = 1_000;
    public static final int DEFAULT_MAX_REGISTRATIONS = 1_000_000;
    /** The reference defaults of spec section 8 (LIMIT-*). */
    public static final IndexLimits DEFAULTS =
            new IndexLimits(DEFAULT_MAX_PEERS, DEFAULT_MAX_CONTENTS_PER_PEER, DEFAULT_MAX_REGISTRATIONS);

    public IndexLimits {
        positive("max peers", maxPeers);
        positive("max contents per peer", maxContentsPerPeer);
        positive("max registrations", maxRegistrations);
    }

    public IndexLimits withMaxPeers(int value) {
        return new IndexLimits(value, maxContentsPerPeer, maxRegistrations);
    }

    public IndexLimits withMaxContentsPerPeer(int value) {
        return new IndexLimits(maxPeers, value, maxRegistrations);
    }

    public IndexLimits withMaxRegistrations(int value) {
        return new IndexLimits(maxPeers, maxContentsPerPeer, value);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
