package org.p2pkit.conformance.cases;

/** How binding the requirement a case checks is (RFC 2119). */
public enum Level {
    MUST,
    SHOULD
}
