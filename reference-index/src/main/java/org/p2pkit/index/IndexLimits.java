package org.p2pkit.index;

/**
 * The registry's explicit capacity; a registration past any of them is refused with
 * E "Index full: ..." (spec IDX-REG-5, LIMIT-1, SEC-8).
 *
 * @param maxPeers peers registered at once
 * @param maxContentsPerPeer contents one peer holds at once
 * @param maxRegistrations (peer, content) registrations in the whole index at once
 * @param maxPeersPerHost peers owned by one source host at once (SEC-8)
 * @param maxRegistrationsPerHost registrations held by the peers of one source host at once (SEC-8)
 */
public record IndexLimits(int maxPeers, int maxContentsPerPeer, int maxRegistrations, int maxPeersPerHost,
        int maxRegistrationsPerHost) {
    public static final int DEFAULT_MAX_PEERS = 100_000;
    public static final int DEFAULT_MAX_CONTENTS_PER_PEER = 1_000;
    public static final int DEFAULT_MAX_REGISTRATIONS = 1_000_000;
    public static final int DEFAULT_MAX_PEERS_PER_HOST = 1_000;
    public static final int DEFAULT_MAX_REGISTRATIONS_PER_HOST = 10_000;
    /** The reference defaults of spec section 8 (LIMIT-1, SEC-8). */
    public static final IndexLimits DEFAULTS = new IndexLimits(DEFAULT_MAX_PEERS, DEFAULT_MAX_CONTENTS_PER_PEER,
            DEFAULT_MAX_REGISTRATIONS);

    public IndexLimits {
        positive("max peers", maxPeers);
        positive("max contents per peer", maxContentsPerPeer);
        positive("max registrations", maxRegistrations);
        positive("max peers per host", maxPeersPerHost);
        positive("max registrations per host", maxRegistrationsPerHost);
    }

    /** The limits of LIMIT-1 with the reference per-host quotas of SEC-8. */
    public IndexLimits(int maxPeers, int maxContentsPerPeer, int maxRegistrations) {
        this(maxPeers, maxContentsPerPeer, maxRegistrations, DEFAULT_MAX_PEERS_PER_HOST, DEFAULT_MAX_REGISTRATIONS_PER_HOST);
    }

    public IndexLimits withMaxPeers(int value) {
        return new IndexLimits(value, maxContentsPerPeer, maxRegistrations, maxPeersPerHost, maxRegistrationsPerHost);
    }

    public IndexLimits withMaxContentsPerPeer(int value) {
        return new IndexLimits(maxPeers, value, maxRegistrations, maxPeersPerHost, maxRegistrationsPerHost);
    }

    public IndexLimits withMaxRegistrations(int value) {
        return new IndexLimits(maxPeers, maxContentsPerPeer, value, maxPeersPerHost, maxRegistrationsPerHost);
    }

    public IndexLimits withMaxPeersPerHost(int value) {
        return new IndexLimits(maxPeers, maxContentsPerPeer, maxRegistrations, value, maxRegistrationsPerHost);
    }

    public IndexLimits withMaxRegistrationsPerHost(int value) {
        return new IndexLimits(maxPeers, maxContentsPerPeer, maxRegistrations, maxPeersPerHost, value);
    }

    static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
