package org.p2pkit.peer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a download's progress on one terminal line (megabytes and rate), once the download has run
 * for a while, and erases it at the end, where the download's summary or error follows: small
 * downloads print nothing.
 */
public final class TerminalProgress implements Progress {
    private static final long SHOW_AFTER_NANOS = 500_000_000L;
    private static final long REFRESH_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String label;
    private final long started = System.nanoTime();
    private long lastShown;
    private int width; // of the longest line shown (0: none yet), so that each line covers the last

    public TerminalProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void update(long bytes) {
        long now = System.nanoTime();
        if (now - started < SHOW_AFTER_NANOS || now - lastShown < REFRESH_NANOS) {
            return;
        }
        lastShown = now;
        double seconds = (now - started) / 1e9;
        String line = String.format(Locale.ROOT, "%s: %.1f MB at %.1f MB/s", label, bytes / 1e6, bytes / seconds / 1e6);
        width = Math.max(width, line.length());
        out.print("\r" + line + " ".repeat(width - line.length()));
        out.flush();
    }

    @Override
    public void finish(long bytes, boolean complete) {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
        }
    }
}
