package org.p2pkit.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;

/**
 * The peer's TCP content server (spec section 6): serves the contents this peer registered, one
 * thread per connection from a bounded pool; a silent or stalled client is dropped (XFER-11).
 */
public final class ContentServer implements AutoCloseable {
    /**
     * Where to listen and how patient to be.
     *
     * @param bindAddress the local address to listen on
     * @param port the TCP port, 0 for an ephemeral one
     * @param requestTimeout how long a client may take to send its D (XFER-11, reference 10 s)
     * @param stallTimeout how long a stream may make no progress before the client is dropped
     * @param maxConnections how many clients are served at once; more get a "busy" E
     */
    public record Options(InetAddress bindAddress, int port, Duration requestTimeout, Duration stallTimeout, int maxConnections,
                          PeerName holder) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("at least one connection, got " + maxConnections);
            }
        }

        public static Options defaults(InetAddress bindAddress) {
            return new Options(bindAddress, 0, Duration.ofSeconds(10), Duration.ofSeconds(30), 64, null);
        }

        public Options withPort(int newPort) {
            return new Options(bindAddress, newPort, requestTimeout, stallTimeout, maxConnections, holder);
        }

        public Options withRequestTimeout(Duration timeout) {
            return new Options(bindAddress, port, timeout, stallTimeout, maxConnections, holder);
        }

        /** Serve only download requests that name this holder (XFER-7); null serves any name. */
        public Options withHolder(PeerName name) {
            return new Options(bindAddress, port, requestTimeout, stallTimeout, maxConnections, name);
        }
    }

    static final String BUSY = "Busy: too many downloads at once, try again later";

    private static final Logger LOG = Logger.getLogger(ContentServer.class.getName());

    private final ContentStore store;
    private final Options options;
    private final ServerSocket listener;
    private final Set<ContentName> shared = ConcurrentHashMap.newKeySet();
    private final Set<ContentSession> sessions = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService watchdog;
    private final Thread acceptor;
    private final AtomicLong completed = new AtomicLong();

    private ContentServer(ContentStore store, Options options, ServerSocket listener) {
        this.store = store;
        this.options = options;
        this.listener = listener;
        this.workers = new ThreadPoolExecutor(options.maxConnections(), options.maxConnections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemons("p2p-serve"));
        this.workers.allowCoreThreadTimeOut(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemons("p2p-watchdog"));
        this.acceptor = daemons("p2p-accept").newThread(this::acceptLoop);
    }

    /** Binds the listening socket and starts serving. */
    public static ContentServer start(ContentStore store, Options options) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(options.bindAddress(), options.port()), 128);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + options.bindAddress().getHostAddress() + " port " + options.port() + ": " + e.getMessage(), e);
        }
        ContentServer server = new ContentServer(store, options, listener);
        server.acceptor.start();
        long period = Math.max(100, options.stallTimeout().toMillis() / 4);
        server.watchdog.scheduleAtFixedRate(server::dropStalled, period, period, TimeUnit.MILLISECONDS);
        return server;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Starts serving a content; call it for each content this peer registers (XFER-7). */
    public void allow(ContentName content) {
        shared.add(content);
    }

    /** Stops serving a content, e.g. after deregistering it (XFER-7). */
    public void withdraw(ContentName content) {
        shared.remove(content);
    }

    public boolean serves(ContentName content) {
        return shared.contains(content);
    }

    /** How many downloads this server completed (end marker sent). */
    public long completedTransfers() {
        return completed.get();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the listener", e);
        }
        watchdog.shutdownNow();
        workers.shutdown();
        sessions.forEach(ContentSession::abort);
        workers.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.log(Level.WARNING, "accept failed: {0}", e.toString());
                }
                continue;
            }
            ContentSession session = new ContentSession(socket, store, shared, options.holder(),
                    (int) options.requestTimeout().toMillis(), completed::incrementAndGet);
            sessions.add(session);
            try {
                workers.execute(() -> {
                    try {
                        session.run();
                    } finally {
                        sessions.remove(session);
                    }
                });
            } catch (RejectedExecutionException e) {
                sessions.remove(session);
                refuseBusy(socket);
            }
        }
    }

    private static void refuseBusy(Socket socket) {
        try (socket) {
            LOG.info(() -> socket.getRemoteSocketAddress() + ": refused: " + BUSY);
            // One PDU into an empty send buffer: this write does not block the acceptor.
            socket.getOutputStream().write(PduCodec.encode(new ErrorReply(BUSY)));
            socket.shutdownOutput();
        } catch (IOException e) {
            LOG.log(Level.FINE, "busy reply failed", e);
        }
    }

    private void dropStalled() {
        long limit = System.nanoTime() - options.stallTimeout().toNanos();
        for (ContentSession session : sessions) {
            if (session.stalledSince(limit)) {
                LOG.info("dropped a client that stopped reading for " + options.stallTimeout().toMillis() + " ms");
                session.abort();
            }
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
