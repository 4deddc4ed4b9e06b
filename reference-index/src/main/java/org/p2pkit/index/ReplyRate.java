package org.p2pkit.index;

/**
 * The replies the index sends to one source host (spec SEC-9): on average at most
 * {@code perSecond}, at most {@code burst} at once. A request over it is dropped unanswered.
 *
 * @param perSecond replies per second to one source host (reference 2 000)
 * @param burst replies to one source host in a burst (reference 4 000)
 */
public record ReplyRate(int perSecond, int burst) {
    public static final int DEFAULT_PER_SECOND = 2_000;
    public static final int DEFAULT_BURST = 4_000;
    /** The reference values of spec section 8. */
    public static final ReplyRate DEFAULTS = new ReplyRate(DEFAULT_PER_SECOND, DEFAULT_BURST);

    public ReplyRate {
        IndexLimits.positive("replies per second per host", perSecond);
        IndexLimits.positive("reply burst per host", burst);
    }
}
