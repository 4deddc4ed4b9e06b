package org.p2pkit.peer;

import java.io.IOException;

/** The index did not do what the peer asked: it was silent, or it answered with an error. */
public abstract class IndexException extends IOException {
    private static final long serialVersionUID = 1L;

    protected IndexException(String message) {
        super(message);
    }
}
