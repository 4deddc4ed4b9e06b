package org.p2pkit.index;

/** What a registration did (spec IDX-REG-2, IDX-REG-3, IDX-REG-5, SEC-2, SEC-5, SEC-8). */
public enum RegistrationOutcome {
    /** Recorded (IDX-REG-2). */
    REGISTERED,
    /** The peer already registered that content; nothing changed (IDX-REG-3). */
    ALREADY_REGISTERED,
    /** The name belongs to another source whose content server passed a probe that still stands; nothing changed (SEC-2). */
    NAME_IN_USE,
    /** The name belongs to another source, unchecked: its content server is probed before the name is handed over or refused (SEC-5). */
    OWNER_UNCHECKED,
    /** A new peer would exceed {@link IndexLimits#maxPeers()}; nothing changed (IDX-REG-5). */
    PEER_LIMIT,
    /** The peer would exceed {@link IndexLimits#maxContentsPerPeer()}; nothing changed (IDX-REG-5). */
    CONTENT_LIMIT,
    /** The index would exceed {@link IndexLimits#maxRegistrations()}; nothing changed (IDX-REG-5). */
    REGISTRATION_LIMIT,
    /** The source host would own more than {@link IndexLimits#maxPeersPerHost()} peers; nothing changed (SEC-8). */
    HOST_PEER_LIMIT,
    /** The source host would hold more than {@link IndexLimits#maxRegistrationsPerHost()} registrations; nothing changed (SEC-8). */
    HOST_REGISTRATION_LIMIT,
    /** A durable registry could not write it; nothing changed (PERSIST-2). */
    NOT_STORED;

    public boolean isLimit() {
        return this == PEER_LIMIT || this == CONTENT_LIMIT || this == REGISTRATION_LIMIT || this == HOST_PEER_LIMIT
                || this == HOST_REGISTRATION_LIMIT;
    }
}
