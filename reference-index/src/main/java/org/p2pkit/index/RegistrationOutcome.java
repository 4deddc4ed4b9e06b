package org.p2pkit.index;

/** What {@link Registry#register} did (spec IDX-REG-2, IDX-REG-3, IDX-REG-5). */
public enum RegistrationOutcome {
    /** Recorded (IDX-REG-2). */
    REGISTERED,
    /** The peer already registered that content; nothing changed (IDX-REG-3). */
    ALREADY_REGISTERED,
    /** A new peer would exceed {@link IndexLimits#maxPeers()}; nothing changed (IDX-REG-5). */
    PEER_LIMIT,
    /** The peer would exceed {@link IndexLimits#maxContentsPerPeer()}; nothing changed (IDX-REG-5). */
    CONTENT_LIMIT,
    /** The index would exceed {@link IndexLimits#maxRegistrations()}; nothing changed (IDX-REG-5). */
    REGISTRATION_LIMIT;

    public boolean isLimit() {
        return this == PEER_LIMIT || this == CONTENT_LIMIT || this == REGISTRATION_LIMIT;
    }
}
