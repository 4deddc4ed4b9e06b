package org.p2pkit.peer;

import java.io.IOException;

/** A content cannot be shared or stored: no such file, outside the share folder, or holds a NUL. */
public final class ContentStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public ContentStoreException(String message) {
        super(message);
    }

    public ContentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
