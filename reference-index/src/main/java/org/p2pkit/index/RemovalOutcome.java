package org.p2pkit.index;

/** What a deregistration from a source did (spec IDX-DEREG-2, IDX-DEREG-3, IDX-LEAVE-1, SEC-3, SEC-4). */
enum RemovalOutcome {
    REMOVED,
    /** Nothing of that peer or content is registered; nothing changed. */
    NOT_FOUND,
    /** The peer's name belongs to another source; nothing changed (SEC-3, SEC-4). */
    NOT_OWNER,
    /** A durable registry could not write the change; it may come back after a restart (PERSIST-2). */
    NOT_STORED
}
