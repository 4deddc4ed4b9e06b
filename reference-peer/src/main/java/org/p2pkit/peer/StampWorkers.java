package org.p2pkit.peer;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentName;

/**
 * The threads that take the stamps the content server needs (spec EXT-9: an H carries the stamp of
 * the bytes it announces). A file changed since it was stamped is hashed whole, seconds for a large
 * one; on the server's event loop that would stall every other transfer, so it is hashed here, and
 * the outcome waits in a queue until the loop, woken, takes it back to its session. Work waits for a
 * thread in an unbounded queue, which the connection limits bound (SEC-12).
 */
final class StampWorkers implements AutoCloseable {
    /** Hashing takes a core and the disk; more threads than this would only share them. */
    static final int THREADS = 2;
    private static final long STOP_MILLIS = 5000;
    private static final Logger LOG = Logger.getLogger(ContentServer.class.getName());

    /**
     * What a session waiting on {@code key} gets back: its content's file open with its stamp, or
     * why it cannot be (an {@link IOException} as the server has always refused for, or a bug).
     */
    record Outcome(SelectionKey key, StampedFile file, Exception failure) {
        /** Closes the file of a session that is gone. */
        void discard() {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "closing a stamped file", e);
                }
            }
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, work -> {
        Thread thread = new Thread(work, "p2p-stamp");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Outcome> done = new ConcurrentLinkedQueue<>();
    private final Selector selector;

    /** Outcomes wake {@code selector}, the event loop's. */
    StampWorkers(Selector selector) {
        this.selector = selector;
    }

    /** Opens a content's file with the stamp of its bytes on a worker, for the session of {@code key}; see {@link #poll}. */
    void open(ContentStore store, ContentName content, SelectionKey key) {
        threads.execute(() -> {
            Outcome outcome;
            try {
                outcome = new Outcome(key, store.openStamped(content), null);
            } catch (IOException | RuntimeException e) {
                outcome = new Outcome(key, null, e);
            }
            done.add(outcome);
            selector.wakeup();
        });
    }

    /** The next outcome for the loop, or null when none is ready. */
    Outcome poll() {
        return done.poll();
    }

    /** Stops the workers (hashing is interruptible) and closes the files nobody will take. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warning("a stamp was still being taken when the content server stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Outcome outcome; (outcome = done.poll()) != null; ) {
            outcome.discard();
        }
    }
}
