package org.p2pkit.index;

import java.nio.file.Path;

/** The durable registry's file cannot be read or written; the message names it and says why. */
public final class RegistryStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RegistryStoreException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
