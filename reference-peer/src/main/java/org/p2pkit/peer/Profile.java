package org.p2pkit.peer;

/** Which transfers a peer speaks (spec section 11): classic only, or the extended profile beside classic. */
public enum Profile {
    /** Sections 2 to 9 only: no stamps, classic D and C pieces; NUL files are refused (XFER-6, XFER-15). */
    CLASSIC,
    /** Stamps at registration, H and raw bytes where the other side speaks it, classic otherwise (section 11). */
    EXTENDED
}
