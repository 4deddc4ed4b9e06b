package org.p2pkit.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.peer.TransferFailedException.Cause;

/**
 * Receives the raw bytes that follow an H (spec EXT-9) into the resume file, exactly as many as
 * announced, and takes the SHA-256 of the whole file meanwhile (EXT-13).
 */
final class RawReceiver {
    private final HolderChannel holder;
    private final FileChannel file;
    private final DownloadBounds bounds;
    private final Progress progress;
    private final String from;

    RawReceiver(HolderChannel holder, FileChannel file, DownloadBounds bounds, Progress progress, String from) {
        this.holder = holder;
        this.file = file;
        this.bounds = bounds;
        this.progress = progress;
        this.from = from;
    }

    /**
     * Appends bytes {@code [offset, size)} to the file, which holds the first {@code offset}
     * already, and checks that the holder then closes.
     *
     * @return the stamp of the whole file as received
     * @throws TransferFailedException {@link Cause#CUT} when the stream ends early (the bytes
     *     received stay in the file), {@link Cause#CORRUPT} when bytes follow the last announced one
     */
    ContentStamp receive(long offset, long size) throws IOException {
        try (BackgroundDigest digest = new BackgroundDigest(file, offset)) {
            for (long at = offset; at < size; ) {
                ByteBuffer buffer = digest.emptyBuffer();
                buffer.limit((int) Math.min(buffer.capacity(), size - at));
                try {
                    fill(buffer, at, size);
                } finally {
                    at += write(buffer.flip(), at); // what arrived is kept, also when the stream failed (EXT-14)
                    digest.add(buffer.rewind());
                }
                progress.update(bounds.bytes());
            }
            expectEnd(size);
            return ContentStamp.of(size, digest.finish());
        }
    }

    private void fill(ByteBuffer buffer, long at, long size) throws IOException {
        while (buffer.hasRemaining()) {
            int n = holder.read(buffer);
            if (n < 0) {
                throw TransferFailedException.of(Cause.CUT, from, "the stream ended after " + (at + buffer.position()) + " of "
                        + size + " bytes (EXT-13)");
            }
            bounds.add(n); // SEC-14
        }
    }

    private int write(ByteBuffer bytes, long at) throws IOException {
        int written = 0;
        while (bytes.hasRemaining()) {
            written += file.write(bytes, at + written);
        }
        return written;
    }

    /** The holder closes after the last byte (EXT-9); a byte more means it sends another file than it announced. */
    private void expectEnd(long size) throws IOException {
        if (holder.read(ByteBuffer.allocate(1)) >= 0) {
            throw TransferFailedException.of(Cause.CORRUPT, from, "the holder sent more than the " + size + " bytes it announced (EXT-13)");
        }
    }
}
