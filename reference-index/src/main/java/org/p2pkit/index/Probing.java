package org.p2pkit.index;

import java.time.Duration;
import java.util.Objects;

/**
 * How the index checks that a peer's content server still accepts TCP connections before it
 * hands the peer's name to another source (spec SEC-5) or names it in a search hit (SEC-7).
 *
 * @param timeout a probe that has not connected within it fails (reference 500 ms)
 * @param interval a successful probe stands this long: the address is not probed again and a
 *     registration from another source is refused at once (SEC-5, reference 10 s)
 * @param holderCheckInterval a holder that has not registered or passed a probe within it is
 *     probed before it is named (SEC-7, reference 30 s)
 * @param probesPerSearch probes one search may wait for; when the holder chosen after them still
 *     needs one, the search is answered E "File not found!"
 * @param threads probes run at once
 * @param maxPending requests waiting for a probe, from all sources together; more are dropped
 * @param maxPendingPerHost requests from one source host waiting for a probe; more are dropped,
 *     so that one host cannot take the room that the others need
 */
public record Probing(Duration timeout, Duration interval, Duration holderCheckInterval, int probesPerSearch,
        int threads, int maxPending, int maxPendingPerHost) {
    public static final int DEFAULT_TIMEOUT_MILLIS = 500;
    public static final int DEFAULT_INTERVAL_SECONDS = 10;
    public static final int DEFAULT_HOLDER_CHECK_INTERVAL_SECONDS = 30;
    public static final int DEFAULT_PROBES_PER_SEARCH = 3;
    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_MAX_PENDING = 256;
    public static final int DEFAULT_MAX_PENDING_PER_HOST = 8;
    /** The reference values of spec section 8, and a small executor. */
    public static final Probing DEFAULTS = new Probing(Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS),
            Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS), Duration.ofSeconds(DEFAULT_HOLDER_CHECK_INTERVAL_SECONDS),
            DEFAULT_PROBES_PER_SEARCH, DEFAULT_THREADS, DEFAULT_MAX_PENDING, DEFAULT_MAX_PENDING_PER_HOST);

    public Probing {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(holderCheckInterval, "holderCheckInterval");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("probe timeout must be at least 1 ms, got " + timeout.toMillis() + " ms");
        }
        if (interval.isNegative() || holderCheckInterval.isNegative()) {
            throw new IllegalArgumentException("probe intervals must not be negative");
        }
        IndexLimits.positive("probes per search", probesPerSearch);
        IndexLimits.positive("probe threads", threads);
        IndexLimits.positive("max pending probes", maxPending);
        IndexLimits.positive("max pending probes per host", maxPendingPerHost);
    }

    public Probing withTimeout(Duration value) {
        return new Probing(value, interval, holderCheckInterval, probesPerSearch, threads, maxPending, maxPendingPerHost);
    }

    public Probing withInterval(Duration value) {
        return new Probing(timeout, value, holderCheckInterval, probesPerSearch, threads, maxPending, maxPendingPerHost);
    }
}
