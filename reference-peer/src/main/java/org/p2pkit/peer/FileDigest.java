package org.p2pkit.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.p2pkit.model.ContentStamp;

/** SHA-256 over the bytes of a file (the digest of a stamp, spec EXT-4). */
final class FileDigest {
    /** Read at once: large reads keep the digest, not the system calls, the bottleneck. */
    static final int BLOCK = 1024 * 1024;

    private FileDigest() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Adds the bytes {@code [from, to)} of {@code file} to {@code digest}; fails when the file ends before {@code to}. */
    static void update(MessageDigest digest, FileChannel file, long from, long to) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect((int) Math.min(BLOCK, Math.max(1, to - from)));
        for (long at = from; at < to; ) {
            block.clear().limit((int) Math.min(block.capacity(), to - at));
            int n = file.read(block, at);
            if (n < 0) {
                throw new IOException("the file ended at " + at + " bytes, " + (to - at) + " before its announced end");
            }
            at += n;
            digest.update(block.flip());
        }
    }

    /** The stamp of the whole file as it is now. */
    static ContentStamp stampOf(FileChannel file) throws IOException {
        long size = file.size();
        MessageDigest digest = sha256();
        update(digest, file, 0, size);
        return ContentStamp.of(size, digest.digest());
    }
}
