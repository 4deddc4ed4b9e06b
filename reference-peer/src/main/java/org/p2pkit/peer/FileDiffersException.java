package org.p2pkit.peer;

import java.io.IOException;

/**
 * A download completed, but the share folder already holds a different file of that name, which
 * was kept: nothing was replaced and nothing registered (the caller did not ask to replace it).
 */
public final class FileDiffersException extends IOException {
    private static final long serialVersionUID = 1L;

    public FileDiffersException(String message) {
        super(message);
    }
}
