package org.p2pkit.peer.cli;

import org.p2pkit.peer.ContentNotFoundException;
import org.p2pkit.peer.ContentStoreException;
import org.p2pkit.peer.IndexErrorException;
import org.p2pkit.peer.IndexUnreachableException;
import org.p2pkit.peer.TransferFailedException;

/** The exit codes of p2p-peer; scripts rely on them, so they never change meaning. */
public final class ExitCode {
    public static final int OK = 0;
    /** A download started but did not complete: refused, error reply, cut, malformed, timeout, a bound broken. */
    public static final int TRANSFER_FAILED = 1;
    /** Bad command line: unknown option, invalid name, bad address. */
    public static final int USAGE = 2;
    /** The index knows no peer holding the content ("File not found!"). */
    public static final int NOT_FOUND = 3;
    /** The index did not answer after every try. */
    public static final int INDEX_UNREACHABLE = 4;
    /** The index answered with another error, e.g. a refused registration. */
    public static final int INDEX_ERROR = 5;
    /**
     * A local content problem: no such file, a NUL in it, outside the share folder, no share folder,
     * or a different file in the way of a download.
     */
    public static final int CONTENT_ERROR = 6;
    /** Anything else (a port in use, an I/O error). */
    public static final int OTHER = 7;

    /** The lines shown under every --help. */
    static final String[] FOOTER = {
        "",
        "Exit codes:",
        "  0  success",
        "  1  the download failed (holder refused, error reply, stream cut, timeout,",
        "     a download bound such as --max-size or --min-rate)",
        "  2  usage error (bad option, name of more than 9 characters, ...)",
        "  3  content not found at the index",
        "  4  the index did not answer",
        "  5  the index refused the request",
        "  6  a local content problem (no such file, NUL byte, outside the share folder,",
        "     a different file of that name in the way of get without --force)",
        "  7  another error (port in use, I/O error)",
    };

    private ExitCode() {
    }

    static int of(Throwable failure) {
        if (failure instanceof ContentNotFoundException) {
            return NOT_FOUND;
        } else if (failure instanceof IndexUnreachableException) {
            return INDEX_UNREACHABLE;
        } else if (failure instanceof IndexErrorException) {
            return INDEX_ERROR;
        } else if (failure instanceof TransferFailedException) {
            return TRANSFER_FAILED;
        } else if (failure instanceof ContentStoreException) {
            return CONTENT_ERROR;
        } else if (failure instanceof IllegalArgumentException) {
            return USAGE;
        }
        return OTHER;
    }
}
