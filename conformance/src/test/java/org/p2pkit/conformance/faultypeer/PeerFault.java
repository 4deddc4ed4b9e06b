package org.p2pkit.conformance.faultypeer;

/** One deliberate fault of {@link SmallPeer}: a faulty peer is a set of them. */
public enum PeerFault {
    // as an index client; an unpadded registration does not decode, so it breaks nearly every case
    UNPADDED_REGISTRATION(true),
    NO_DEREGISTER,
    NEVER_LEAVES,
    NO_RETRY,
    DUPLICATE_IS_FAILURE,
    WAITS_FOREVER,
    ACCEPTS_STRANGERS,
    CRASH_ON_MALFORMED_REPLY,
    NO_DRAIN,
    NO_PAGING,
    NEVER_RECHECKS,
    // as a content server
    NO_END_MARKER,
    EMPTY_PIECE,
    LINE_PIECES,
    KEEPS_CONNECTION_OPEN,
    SERVES_UNREGISTERED,
    CLOSES_WITHOUT_ERROR,
    CRASH_ON_MISSING_FILE,
    SILENT_ON_MALFORMED_REQUEST,
    SINGLE_THREADED_SERVER,
    NO_REQUEST_DEADLINE,
    SHARED_SLOTS,
    SERVES_LAST_REQUEST,
    SERVES_NUL_FILES,
    IGNORES_HOLDER_NAME,
    // as a downloader
    WRONG_HOLDER_IN_REQUEST,
    WAITS_FOR_CLOSE,
    STOPS_AT_SHORT_PIECE,
    REGISTERS_FAILED_DOWNLOAD,
    WRITES_IN_PLACE,
    ASSUMES_WHOLE_READS,
    NO_DOWNLOAD_BOUND,
    // the extended profile (spec section 11): only its cases can show these
    NO_STAMP_IN_R(false, true),
    SENDS_EXTRA_BYTE(false, true),
    IGNORES_RESUME(false, true),
    RESUMES_ANY_DIGEST(false, true),
    NO_PAST_END_ERROR(false, true),
    CLASSIC_REQUEST(false, true),
    ACCEPTS_WRONG_DIGEST(false, true),
    IGNORES_EXTRA_BYTES(false, true),
    KEEPS_PARTIAL_AT_TARGET(false, true),
    NEVER_RESUMES(false, true),
    TRUSTS_HEADER_NAMES(false, true),
    IGNORES_HIT_STAMP(false, true),
    NO_FALLBACK(false, true),
    UNCHECKED_FALLBACK(false, true),
    // table 11.4: a D whose offset has a zero digest served as a new download, H's size, check and block not checked
    SERVES_OFFSET_WITHOUT_DIGEST(false, true),
    IGNORES_MAX_SIZE(false, true),
    IGNORES_HEADER_CHECK(false, true),
    ACCEPTS_MALFORMED_HEADER(false, true);

    private final boolean broad;
    private final boolean extended;

    PeerFault() {
        this(false);
    }

    PeerFault(boolean broad) {
        this(broad, false);
    }

    PeerFault(boolean broad, boolean extended) {
        this.broad = broad;
        this.extended = extended;
    }

    /** Whether only the cases of the extended profile can show the fault. */
    public boolean extended() {
        return extended;
    }

    /** Whether the fault breaks nearly everything, rather than one behaviour. */
    public boolean broad() {
        return broad;
    }
}
