package org.p2pkit.peer;

/** How a completed download was checked (spec EXT-12, EXT-13); its summary line says it. */
public enum Verification {
    /** H and raw bytes: the whole file has the holder's stamp, which is the index's when the hit had one. */
    VERIFIED,
    /** The holder answered classic; the file has the stamp of the index's hit (EXT-12). */
    VERIFIED_AGAINST_INDEX,
    /** The holder answered classic and the hit had no stamp: nothing to check against. */
    HOLDER_CLASSIC,
    /** This peer runs with --classic: no stamp asked for, none checked. */
    CLASSIC_PROFILE
}
