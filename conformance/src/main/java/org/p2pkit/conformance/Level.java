package org.p2pkit.conformance;

/** How binding the requirement a case checks is (RFC 2119). */
public enum Level {
    MUST,
    SHOULD
}
