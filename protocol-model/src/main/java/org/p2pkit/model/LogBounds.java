package org.p2pkit.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How the log of remote events is bounded (spec SEC-10): the first event of each kind in an
 * interval is logged in full, the others are counted and summarised at the end of the interval.
 *
 * @param summaryInterval the interval (reference 10 s)
 * @param sourcesPerKind source hosts a summary names per kind; it counts the others together (reference 10)
 */
public record LogBounds(Duration summaryInterval, int sourcesPerKind) {
    public static final int DEFAULT_SUMMARY_INTERVAL_SECONDS = 10;
    public static final int DEFAULT_SOURCES_PER_KIND = 10;
    /** The reference values of spec section 8. */
    public static final LogBounds DEFAULTS = new LogBounds(Duration.ofSeconds(DEFAULT_SUMMARY_INTERVAL_SECONDS),
            DEFAULT_SOURCES_PER_KIND);

    public LogBounds {
        Objects.requireNonNull(summaryInterval, "summaryInterval");
        if (summaryInterval.toMillis() < 1) {
            throw new IllegalArgumentException("log summary interval must be at least 1 ms, got " + summaryInterval);
        }
        if (sourcesPerKind < 1) {
            throw new IllegalArgumentException("log sources per kind must be at least 1, got " + sourcesPerKind);
        }
    }
}
