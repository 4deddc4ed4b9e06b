package org.p2pkit.peer;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.p2pkit.peer.TransferFailedException.Cause;

/**
 * The bounds of one download (SEC-14, XFER-11): a deadline, a minimum rate over consecutive
 * windows, a maximum size, a margin of free disk space, and the idle timeout. The downloader
 * counts each piece here; the holder's connection ({@link HolderChannel}) waits only until the
 * next bound falls due, so a bound holds even while the holder sends nothing or a byte now and then.
 */
final class DownloadBounds {
    /** Content bytes between two looks at the free space. */
    static final int DISK_CHECK_EVERY = 1024 * 1024;

    private final Downloader.Options options;
    private final FreeSpace disk;
    private final long ahead;
    private final String what;
    private long bytes;
    private long nextDiskCheck = DISK_CHECK_EVERY;
    private long deadline;
    private long windowEnd;
    private long windowStartBytes;
    private long lastData;

    /**
     * Checks the free space before anything is asked (SEC-14).
     *
     * @param unwritten how many received bytes may wait in memory before they reach the disk
     * @param what the download, for messages: {@code 'song' from alice at 127.0.0.1/40001}
     */
    DownloadBounds(Downloader.Options options, FreeSpace disk, int unwritten, String what) throws TransferFailedException {
        this.options = options;
        this.disk = disk;
        this.ahead = (long) unwritten + DISK_CHECK_EVERY;
        this.what = what;
        checkDisk();
    }

    /** The content bytes received so far. */
    long bytes() {
        return bytes;
    }

    /** Counts the bytes of a piece: fails past the maximum size, or when the disk is about to fill. */
    void add(int length) throws TransferFailedException {
        bytes += length;
        if (bytes > options.maxSize()) {
            throw fail(Cause.TOO_LARGE, "the holder sent more than the maximum size of " + size(options.maxSize()) + " (SEC-14)");
        }
        if (bytes >= nextDiskCheck) {
            checkDisk();
            nextDiskCheck = bytes + DISK_CHECK_EVERY;
        }
    }

    /** Starts the clocks of the deadline, the rate windows and the idle timeout: the connection to the holder is open. */
    void start() {
        long now = System.nanoTime();
        deadline = now + options.deadline().toNanos();
        windowEnd = now + options.rateWindow().toNanos();
        lastData = now;
    }

    /** The holder sent bytes, or closed: the idle timeout starts again. */
    void heard() {
        lastData = System.nanoTime();
    }

    /**
     * Checks what an H announces before any byte is written (SEC-14): its size against the
     * maximum, and the bytes still to come against the free space of the disk.
     */
    void announced(long size, long remaining) throws TransferFailedException {
        if (size > options.maxSize()) {
            throw fail(Cause.TOO_LARGE, "the holder announced " + size + " bytes, more than the maximum size of "
                    + size(options.maxSize()) + " (SEC-14)");
        }
        long free = freeSpace();
        if (free - remaining < options.diskMargin()) {
            throw fail(Cause.DISK_FULL, size(free) + " free on the disk, " + size(remaining) + " to come, and "
                    + size(options.diskMargin()) + " must stay free (SEC-14)");
        }
    }

    /** Fails on a bound that has passed; otherwise how long a read may wait, in milliseconds. */
    int untilNextBound() throws TransferFailedException {
        long now = System.nanoTime();
        if (now - deadline >= 0) {
            throw fail(Cause.DEADLINE, "not complete after " + seconds(options.deadline().toNanos()) + ", the deadline, with "
                    + bytes + " bytes received (SEC-14)");
        }
        while (now - windowEnd >= 0) {
            long inWindow = bytes - windowStartBytes;
            if (inWindow < minimumPerWindow()) {
                throw fail(Cause.TOO_SLOW, inWindow + " bytes in " + seconds(options.rateWindow().toNanos())
                        + ", under the minimum rate of " + size(options.minRate()) + "/s (SEC-14)");
            }
            windowStartBytes = bytes;
            windowEnd += options.rateWindow().toNanos();
        }
        long idleEnd = lastData + options.idleTimeout().toNanos();
        if (now - idleEnd >= 0) {
            throw fail(Cause.TIMEOUT, "nothing received for " + options.idleTimeout().toMillis() + " ms after " + bytes + " bytes (XFER-11)");
        }
        long wait = Math.min(deadline - now, Math.min(windowEnd - now, idleEnd - now));
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
    }

    private double minimumPerWindow() {
        return options.minRate() * (options.rateWindow().toNanos() / 1e9);
    }

    /** Fails unless the margin stays free after the bytes that may reach the disk before the next check (SEC-14). */
    private void checkDisk() throws TransferFailedException {
        long free = freeSpace();
        if (free - ahead < options.diskMargin()) {
            throw fail(Cause.DISK_FULL, size(free) + " free on the disk after " + bytes + " bytes, and " + size(options.diskMargin())
                    + " must stay free (SEC-14)");
        }
    }

    private long freeSpace() throws TransferFailedException {
        try {
            return disk.bytes();
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "download of " + what + " failed: cannot tell the free disk space: " + e, e);
        }
    }

    private TransferFailedException fail(Cause cause, String why) {
        return TransferFailedException.of(cause, what, why);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Bytes for people: {@code 512 bytes}, {@code 16.0 KiB}, {@code 64.0 MiB}, {@code 4.0 GiB}. */
    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / (double) (1L << (10 * unit)), " KMGTPE".charAt(unit));
    }
}
