package org.p2pkit.conformance.cases;

/**
 * The profile a case belongs to (spec sections 10 and 11): classic, or the extended profile's own
 * cases, which only a target that speaks it passes.
 */
public enum Profile {
    CLASSIC,
    EXTENDED
}
