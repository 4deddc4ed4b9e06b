package org.p2pkit.peer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentName;

/**
 * Checks, over and over, that the index still knows the contents a peer shares (spec
 * PEER-RECHECK-1), on a daemon thread of its own. A round takes the contents shared when it starts
 * and checks them one after the other, spread evenly over the interval: with n contents, one
 * check every interval / n, never two closer than that, and rounds at least an interval apart, so
 * a peer with many contents never sends a burst. The first round starts one interval after
 * {@link #start()}. A check that finds the index unreachable ends its round early: the next
 * content would wait as long for nothing.
 *
 * <p>What a check sends and what it makes of the answer is the {@link Check}'s business; nothing it
 * throws stops the rounds. {@link #close()} ends them without interrupting a check in progress,
 * which would close the index client's channel.
 */
final class Recheck implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Recheck.class.getName());

    /** What one check found. */
    enum Result {
        /** The index answered (whatever it answered). */
        ANSWERED,
        /** Nothing was sent: the content is no longer shared, or its file cannot be read. */
        SKIPPED,
        /** The index did not answer: the round ends. */
        UNREACHABLE
    }

    /** Checks one content at the index. */
    @FunctionalInterface
    interface Check {
        Result check(ContentName content);
    }

    private final String threadName;
    private final Duration interval;
    private final Supplier<List<ContentName>> shared;
    private final Check check;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    /**
     * @param interval the time within which every shared content is checked once; zero turns the
     *     checks off (no thread is started)
     * @param shared the contents to check, in the order to check them
     */
    Recheck(String threadName, Duration interval, Supplier<List<ContentName>> shared, Check check) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the re-check interval cannot be negative, got " + interval);
        }
        this.threadName = threadName;
        this.interval = interval;
        this.shared = shared;
        this.check = check;
    }

    /** Whether checks run at all. */
    boolean enabled() {
        return !interval.isZero();
    }

    Duration interval() {
        return interval;
    }

    /** Starts the rounds; the first begins one interval from now. Does nothing when the interval is zero. */
    synchronized void start() {
        if (!enabled() || thread != null || stopped.getCount() == 0) {
            return;
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the rounds; a check in progress finishes, no other begins. */
    @Override
    public void close() {
        stopped.countDown();
    }

    private void run() {
        long every = interval.toNanos();
        long roundStart = System.nanoTime() + every;
        long lastCheck = Long.MIN_VALUE;
        while (waitUntil(roundStart)) {
            List<ContentName> round = shared.get();
            long gap = round.isEmpty() ? every : every / round.size();
            for (int i = 0; i < round.size(); i++) {
                long slot = roundStart + i * gap;
                if (lastCheck != Long.MIN_VALUE) {
                    slot = Math.max(slot, lastCheck + gap); // paced, also when a slow answer made it late
                }
                if (!waitUntil(slot)) {
                    return;
                }
                lastCheck = System.nanoTime();
                if (checkOne(round.get(i)) == Result.UNREACHABLE) {
                    break;
                }
            }
            roundStart = Math.max(roundStart + every, System.nanoTime());
        }
    }

    private Result checkOne(ContentName content) {
        try {
            return check.check(content);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the re-check of ''{0}'' failed: {1}", new Object[] {content, e.toString()});
            return Result.ANSWERED;
        }
    }

    /** Waits until {@code deadline} (System.nanoTime); false when the rounds are to end. */
    private boolean waitUntil(long deadline) {
        try {
            long left = deadline - System.nanoTime();
            return left <= 0 ? stopped.getCount() > 0 : !stopped.await(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
