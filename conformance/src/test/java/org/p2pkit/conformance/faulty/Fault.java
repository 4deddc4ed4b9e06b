package org.p2pkit.conformance.faulty;

/** One deliberate fault of {@link SmallIndex}: faults are data, so a faulty index is a set of them. */
public enum Fault {
    // Broad faults break nearly every case; the kill matrix wants each case failed by a narrow one too.
    CRASH_ON_LIST(true),
    HANG_ON_DEREGISTRATION(true),
    SHORT_REPLIES(true),
    SILENT_ON_SEARCH(true),
    MOST_SERVED,
    NEWEST_ON_TIE,
    NEVER_COUNTS,
    COUNTS_PER_PEER,
    UNPADDED_HOLDER,
    ACCEPTS_DUPLICATES,
    FIRST_ADDRESS_WINS,
    ANSWERS_LEAVE,
    IGNORES_LEAVE,
    DEREGISTER_ACKS_ONLY,
    DEREGISTER_REMOVES_EVERY_HOLDER,
    DROPS_CONTENTS_PAST_EIGHT,
    NO_PAGING,
    NO_LIST_END,
    ANSWERS_EVERYTHING,
    ACCEPTS_LONG_DATAGRAMS,
    SILENT_ON_MALFORMED,
    TAIL_MUST_BE_ZERO,
    ACK_IS_ERROR,
    ONE_HOLDER_PER_CONTENT,
    NOT_FOUND_SILENT,
    LIST_NEWEST_FIRST,
    LIST_BY_OLDEST_REGISTRATION,
    SERVED_SURVIVES_REREGISTRATION,
    UNPADDED_LIST_NAMES,
    FOREIGN_DEREGISTRATION,
    FOREIGN_READDRESSING,
    NO_HANDOVER,
    NO_ADDRESS_CHECK,
    LEFTOVER_TAILS,
    // the extended profile (spec section 11.2)
    FORGETS_STAMP,
    STAMP_OF_FIRST_HOLDER,
    STAMP_KEPT_FOR_CLASSIC,
    DUPLICATE_REPLACES_STAMP,
    TRUSTS_BAD_CHECK;

    private final boolean broad;

    Fault() {
        this(false);
    }

    Fault(boolean broad) {
        this.broad = broad;
    }

    /** Whether the fault breaks nearly everything, rather than one behaviour. */
    public boolean broad() {
        return broad;
    }
}
