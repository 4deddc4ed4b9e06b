package org.p2pkit.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free space on the disk a download writes to, asked as the bytes arrive (SEC-14). */
@FunctionalInterface
interface FreeSpace {
    /** The bytes this program may still write there. */
    long bytes() throws IOException;

    /** Finds the disk of a folder, once per download; tests put in a disk that fills up. */
    @FunctionalInterface
    interface Disks {
        FreeSpace of(Path folder) throws IOException;
    }

    Disks REAL = folder -> Files.getFileStore(folder)::getUsableSpace;
}
