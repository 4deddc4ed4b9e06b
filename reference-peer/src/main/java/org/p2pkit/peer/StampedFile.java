package org.p2pkit.peer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.p2pkit.model.ContentStamp;

/** A shared file open for an extended transfer, and the stamp of its bytes (spec EXT-9). */
record StampedFile(FileChannel channel, ContentStamp stamp) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
