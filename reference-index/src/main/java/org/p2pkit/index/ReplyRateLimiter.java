package org.p2pkit.index;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits the replies sent to each source host (spec SEC-9): on average {@code perSecond}, at most
 * {@code burst} at once. A request is admitted only while its host's budget holds a reply; it is
 * dropped before it is read otherwise, so that it gets no reply and changes nothing. Admitting
 * takes one reply from the budget; a request answered with several (a list page) is charged the
 * others after.
 *
 * <p>A generic cell rate algorithm: each host has one number, the time at which its budget is whole
 * again; every reply moves it one reply's share of a second later, and a request is refused while
 * that time lies more than a burst's worth ahead. Updated by compare-and-set: no lock, and no
 * allocation for a host already known. Hosts whose budget is whole are dropped when the table is
 * full, so it holds at most {@link #MAX_HOSTS} hosts; while it is full of busy hosts, requests from
 * new hosts are dropped too.
 */
final class ReplyRateLimiter {
    static final int MAX_HOSTS = 65_536;
    /** A full table is swept at most this often, so that a flood of new hosts does not turn into sweeps. */
    private static final long SWEEP_NANOS = 100_000_000;

    private final long nanosPerReply;
    private final long burstNanos;
    private final Map<InetAddress, AtomicLong> wholeAt = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime() - SWEEP_NANOS);

    ReplyRateLimiter(ReplyRate rate) {
        this.nanosPerReply = 1_000_000_000L / rate.perSecond();
        this.burstNanos = rate.burst() * nanosPerReply;
    }

    /** Whether a request from {@code host} at {@code now} ({@link System#nanoTime()}) may be answered; takes one reply if so. */
    boolean admit(InetAddress host, long now) {
        AtomicLong budget = wholeAt.get(host);
        if (budget == null) {
            budget = newHost(host, now);
            if (budget == null) {
                return false;
            }
        }
        while (true) {
            long whole = budget.get();
            long next = Math.max(whole, now) + nanosPerReply;
            if (next - now > burstNanos) {
                return false;
            }
            if (budget.compareAndSet(whole, next)) {
                return true;
            }
        }
    }

    /** Charges {@code host} for {@code replies} more replies to a request it was admitted for. */
    void charge(InetAddress host, int replies) {
        AtomicLong budget = wholeAt.get(host);
        if (budget != null) {
            budget.addAndGet(replies * nanosPerReply);
        }
    }

    private AtomicLong newHost(InetAddress host, long now) {
        if (wholeAt.size() >= MAX_HOSTS) {
            long last = lastSweep.get();
            if (now - last >= SWEEP_NANOS && lastSweep.compareAndSet(last, now)) {
                wholeAt.values().removeIf(budget -> budget.get() - now <= 0);
            }
            if (wholeAt.size() >= MAX_HOSTS) {
                return null;
            }
        }
        return wholeAt.computeIfAbsent(host, h -> new AtomicLong(now));
    }
}
