package org.p2pkit.model;

/** Which way a PDU travels; it decides what S and O mean (spec/PROTOCOL.md FRAME-2). */
public enum Direction {
    /** To the index (UDP) or to a content server (TCP). */
    REQUEST,
    /** From the index (UDP) or from a content server (TCP). */
    REPLY
}
