package org.p2pkit.peer;

import java.io.IOException;

/** A download did not complete (spec XFER-8); nothing was put in place and nothing registered. */
public final class TransferFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (and for tests). */
    public enum Cause {
        /** The holder could not be reached (refused, unreachable, connect timeout). */
        CONNECT,
        /** The holder answered with an error PDU (E). */
        ERROR_REPLY,
        /** The stream ended before the end marker (F), between PDUs or inside one. */
        CUT,
        /** A PDU was malformed or of a type that has no place in a content stream, or an H answered another request (EXT-13). */
        MALFORMED,
        /** The holder sent nothing for longer than the idle timeout (XFER-11). */
        TIMEOUT,
        /** The download was not complete by its deadline (SEC-14). */
        DEADLINE,
        /** The holder sent less than the minimum rate over a window (SEC-14). */
        TOO_SLOW,
        /** The content grew past the maximum size (SEC-14). */
        TOO_LARGE,
        /** The disk's free space would have fallen under the margin (SEC-14). */
        DISK_FULL,
        /** The downloader was stopped (SIGINT, SIGTERM, the peer leaving); the partial file is gone (SEC-15). */
        STOPPED,
        /** The holder announced another file than the index registered (EXT-13): both stamps are in the message. */
        WRONG_STAMP,
        /** The bytes are not those announced: more of them, or another digest (EXT-13); nothing is kept. */
        CORRUPT,
        /** Reading from the holder or writing the local file failed. */
        IO
    }

    private final Cause cause;

    public TransferFailedException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public TransferFailedException(Cause cause, String message, Throwable detail) {
        super(message, detail);
        this.cause = cause;
    }

    /** The failure of the download of {@code what} (e.g. {@code 'song' from alice at 127.0.0.1/40001}), for {@code why}. */
    static TransferFailedException of(Cause cause, String what, String why) {
        return new TransferFailedException(cause, "download of " + what + " failed: " + why);
    }

    public Cause failure() {
        return cause;
    }
}
