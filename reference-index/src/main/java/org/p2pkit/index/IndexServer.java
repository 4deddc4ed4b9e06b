package org.p2pkit.index;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running index: a UDP socket served by a few threads that answer the classic protocol from a
 * {@link Registry} (spec section 5). Start one with {@link #start(IndexOptions)}; {@link #close()}
 * stops it and frees its port.
 *
 * <pre>{@code
 * try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback())) {
 *     InetSocketAddress where = index.address();
 *     ...
 * }
 * }</pre>
 */
public final class IndexServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.p2pkit.index");
    /** Room for bursts of requests while the threads are busy; the kernel may grant less. */
    private static final int SOCKET_BUFFER = 4 << 20;
    private static final long STOP_WAIT_SECONDS = 5;

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final Registry registry;
    private final RequestHandler handler;
    /** Ends the log's summary intervals when no event does (SEC-10). */
    private final ScheduledExecutorService summaries;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private IndexServer(DatagramChannel channel, Registry registry, IndexOptions options) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.registry = registry;
        this.handler = new RequestHandler(registry, options);
        this.summaries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "p2p-index-log-summary");
            thread.setDaemon(true);
            return thread;
        });
        long interval = options.logBounds().summaryInterval().toMillis();
        IndexLog log = handler.log();
        summaries.scheduleAtFixedRate(log::rollIfDue, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Binds the socket and starts serving from a registry in memory.
     *
     * @throws BindException when the address cannot be had (e.g. the port is taken); the message
     *     names the address
     */
    public static IndexServer start(IndexOptions options) throws IOException {
        return start(options, new LocalRegistry(options.limits(), options.probing()));
    }

    /**
     * Binds the socket and starts serving from {@code registry}, which the caller closes after the
     * server if it needs closing.
     *
     * @throws BindException when the address cannot be had; the message names the address
     */
    public static IndexServer start(IndexOptions options, Registry registry) throws IOException {
        InetSocketAddress local = new InetSocketAddress(options.bind(), options.port());
        DatagramChannel channel = DatagramChannel.open(options.bind() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        IndexServer server;
        try {
            trySetBuffer(channel, StandardSocketOptions.SO_RCVBUF);
            trySetBuffer(channel, StandardSocketOptions.SO_SNDBUF);
            try {
                channel.bind(local);
            } catch (BindException e) {
                BindException named = new BindException("cannot listen on udp " + describe(local) + ": " + e.getMessage());
                named.initCause(e);
                throw named;
            }
            server = new IndexServer(channel, registry, options);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        for (int i = 0; i < options.threads(); i++) {
            Thread thread = new Thread(new UdpWorker(channel, server.handler), "p2p-index-udp-" + i);
            thread.setDaemon(true);
            server.threads.add(thread);
            thread.start();
        }
        LOG.fine(() -> "listening on udp " + describe(server.address) + " with " + options);
        return server;
    }

    /** The bound address, with the port actually chosen when the options asked for port 0. */
    public InetSocketAddress address() {
        return address;
    }

    /** The registry this index answers from; changes to it are seen by the next request. */
    public Registry registry() {
        return registry;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Waits until {@link #close()} has stopped the index. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops serving, waits for the threads to end, frees the port and logs the last summaries (SEC-10). Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            channel.close(); // wakes the threads blocked in receive
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the socket failed", e);
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        summaries.shutdownNow();
        handler.close();
        LOG.fine(() -> "stopped udp " + describe(address));
        closed.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitQuietly() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void trySetBuffer(DatagramChannel channel, java.net.SocketOption<Integer> option) {
        try {
            channel.setOption(option, SOCKET_BUFFER);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINE, "cannot set " + option.name(), e);
        }
    }

    @Override
    public String toString() {
        return "IndexServer[udp " + describe(address) + (isOpen() ? "" : ", closed") + "]";
    }
}
