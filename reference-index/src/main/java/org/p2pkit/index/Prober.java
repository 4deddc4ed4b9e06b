package org.p2pkit.index;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.p2pkit.model.PeerAddress;

/**
 * Checks whether a content server accepts TCP connections: connect, then close without sending
 * (spec SEC-5, SEC-7). Probes block for up to the probe timeout, so they run on a small pool of
 * their own and never on the threads that serve the UDP socket. One probe per address at a time:
 * whoever asks for an address already being probed shares that probe's result. The queue is
 * bounded by the requests allowed to wait ({@link PendingRequests}), each of which waits for one
 * probe at a time.
 */
final class Prober implements AutoCloseable {
    private static final long IDLE_THREAD_SECONDS = 10;

    private final int timeoutMillis;
    private final ThreadPoolExecutor pool;
    private final Map<PeerAddress, CompletableFuture<Boolean>> running = new ConcurrentHashMap<>();

    Prober(Probing probing) {
        this.timeoutMillis = (int) probing.timeout().toMillis();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(probing.threads(), probing.threads(), IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "p2p-index-probe-" + threads.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true); // no threads while nothing is probed
    }

    /**
     * Probes {@code address}, or joins the probe of it under way.
     *
     * @return true when the content server accepted a connection within the timeout; a probe that
     *     cannot run because the index is stopping counts as passed, since a peer is forgotten
     *     only on evidence that it is dead
     */
    CompletableFuture<Boolean> probe(PeerAddress address) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> underWay = running.putIfAbsent(address, mine);
        if (underWay != null) {
            return underWay;
        }
        try {
            pool.execute(() -> {
                boolean alive = connects(address);
                running.remove(address, mine);
                mine.complete(alive);
            });
        } catch (RejectedExecutionException e) {
            running.remove(address, mine);
            mine.complete(true);
        }
        return mine;
    }

    private boolean connects(PeerAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address.toSocketAddress(), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false; // refused, unreachable or timed out (SEC-5)
        }
    }

    /** Stops probing; probes under way end within the timeout. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
