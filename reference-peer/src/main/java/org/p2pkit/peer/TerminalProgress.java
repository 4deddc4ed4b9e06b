package org.p2pkit.peer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a download's progress on one terminal line (bytes and rate), once the download has run
 * for a while: small downloads print nothing.
 */
public final class TerminalProgress implements Progress {
    private static final long SHOW_AFTER_NANOS = 500_000_000L;
    private static final long REFRESH_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String label;
    private final long started = System.nanoTime();
    private long lastShown;
    private boolean shown;

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
        shown = true;
        out.print("\r" + line(bytes, now) + "   ");
        out.flush();
    }

    @Override
    public void finish(long bytes, boolean complete) {
        if (shown) {
            out.println("\r" + line(bytes, System.nanoTime()) + (complete ? ", done" : ", failed") + "   ");
        }
    }

    private String line(long bytes, long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        return label + ": " + size(bytes) + " at " + size((long) (bytes / seconds)) + "/s";
    }

    /** A byte count for people: 812 B, 4.2 KiB, 1.5 GiB. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
