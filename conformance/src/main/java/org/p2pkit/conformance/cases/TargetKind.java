package org.p2pkit.conformance.cases;

/** What a case tests: an index server, or a peer. */
public enum TargetKind {
    INDEX,
    PEER
}
