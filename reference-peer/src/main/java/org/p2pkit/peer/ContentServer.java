package org.p2pkit.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.LogBounds;
import org.p2pkit.model.PeerName;

/**
 * The peer's TCP content server (spec section 6): serves the contents this peer registered. One
 * thread runs every connection with non-blocking I/O, so connections that send slowly or read
 * slowly hold no thread; extended downloads (section 11) get their bytes zero-copy from the file,
 * after a stamp that {@link StampWorkers} take off the loop when the file must be hashed; each is bounded by a deadline for its request (SEC-11), limits per source
 * host and in all (SEC-12) and an idle timeout while it is served (SEC-13).
 */
public final class ContentServer implements AutoCloseable {
    /**
     * The bounds of section 9.5; the defaults are the reference values of section 8.
     *
     * @param requestDeadline how long a connection may take, from its start, to send a whole D
     *     (SEC-11, XFER-11; 5 s)
     * @param idleTimeout how long a downloader may take no bytes before it is dropped (SEC-13; 10 s)
     * @param maxPerHost connections served at once from one source host (SEC-12; 8)
     * @param maxConnections connections served at once in all (SEC-12; 256)
     */
    public record Limits(Duration requestDeadline, Duration idleTimeout, int maxPerHost, int maxConnections) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 8, 256);

        public Limits {
            if (requestDeadline.isNegative() || requestDeadline.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("the request deadline and the idle timeout must be positive");
            }
            if (maxPerHost < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("at least one connection per host and in all, got " + maxPerHost + " and " + maxConnections);
            }
        }

        public Limits withRequestDeadline(Duration deadline) {
            return new Limits(deadline, idleTimeout, maxPerHost, maxConnections);
        }

        public Limits withIdleTimeout(Duration timeout) {
            return new Limits(requestDeadline, timeout, maxPerHost, maxConnections);
        }

        public Limits withMaxPerHost(int connections) {
            return new Limits(requestDeadline, idleTimeout, connections, maxConnections);
        }

        public Limits withMaxConnections(int connections) {
            return new Limits(requestDeadline, idleTimeout, maxPerHost, connections);
        }
    }

    /**
     * Where to listen, how much to allow, and whose contents to serve.
     *
     * @param bindAddress the local address to listen on
     * @param port the TCP port, 0 for an ephemeral one
     * @param holder serve only download requests that name this holder (XFER-7); null serves any name
     * @param profile whether a D with a block gets an H and raw bytes (EXT-9) or is served classic
     */
    public record Options(InetAddress bindAddress, int port, Limits limits, PeerName holder, Profile profile) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
            Objects.requireNonNull(profile, "profile");
        }

        public static Options defaults(InetAddress bindAddress) {
            return new Options(bindAddress, 0, Limits.DEFAULT, null, Profile.EXTENDED);
        }

        public Options withPort(int newPort) {
            return new Options(bindAddress, newPort, limits, holder, profile);
        }

        public Options withLimits(Limits newLimits) {
            return new Options(bindAddress, port, newLimits, holder, profile);
        }

        public Options withHolder(PeerName name) {
            return new Options(bindAddress, port, limits, name, profile);
        }

        public Options withProfile(Profile newProfile) {
            return new Options(bindAddress, port, limits, holder, newProfile);
        }
    }

    /** Room for bursts of connections over the limits, which are accepted and closed at once (SEC-12). */
    private static final int BACKLOG = 1024;
    private static final Logger LOG = Logger.getLogger(ContentServer.class.getName());

    private final ContentStore store;
    private final Options options;
    private final ServerSocketChannel listener;
    private final InetSocketAddress localAddress;
    private final Selector selector;
    private final Set<ContentName> shared = ConcurrentHashMap.newKeySet();
    private final Set<ContentSession> sessions = new HashSet<>(); // the loop's own
    private final ConnectionLimits connections;
    private final AtomicLong completed = new AtomicLong();
    private final ClientLog clientLog = new ClientLog(LOG, LogBounds.DEFAULTS);
    private final StampWorkers stamps;
    private final Thread loop;
    private volatile boolean closing;

    private ContentServer(ContentStore store, Options options, ServerSocketChannel listener, Selector selector) {
        this.store = store;
        this.options = options;
        this.listener = listener;
        this.localAddress = (InetSocketAddress) listener.socket().getLocalSocketAddress();
        this.selector = selector;
        this.connections = new ConnectionLimits(options.limits().maxPerHost(), options.limits().maxConnections());
        this.stamps = new StampWorkers(selector);
        this.loop = new Thread(this::run, "p2p-serve-" + localAddress.getPort());
        this.loop.setDaemon(true);
    }

    /** Binds the listening socket and starts serving. */
    public static ContentServer start(ContentStore store, Options options) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        Selector selector = null;
        try {
            listener.bind(new InetSocketAddress(options.bindAddress(), options.port()), BACKLOG);
            listener.configureBlocking(false);
            selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            listener.close();
            if (selector != null) {
                selector.close();
            }
            throw new IOException("cannot listen on " + options.bindAddress().getHostAddress() + " port " + options.port() + ": " + e.getMessage(), e);
        }
        ContentServer server = new ContentServer(store, options, listener, selector);
        server.loop.start();
        return server;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
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

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration shortest = min(options.limits().requestDeadline(), options.limits().idleTimeout());
        long sweepEvery = TimeUnit.MILLISECONDS.toNanos(Math.max(1, Math.min(100, shortest.toMillis() / 10)));
        long nextSweep = System.nanoTime() + sweepEvery;
        try {
            while (!closing) {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextSweep - System.nanoTime())));
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (key.isValid() && key.isAcceptable()) {
                            acceptAll();
                        } else if (key.isValid()) {
                            serve(key);
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "unexpected failure", e); // the server goes on (XFER-16)
                    }
                }
                selector.selectedKeys().clear();
                for (StampWorkers.Outcome stamped; (stamped = stamps.poll()) != null; ) {
                    resume(stamped);
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sessions.removeIf(session -> session.expired(now) && release(session));
                    clientLog.rollIfDue(now);
                    nextSweep = now + sweepEvery;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(Level.WARNING, "the content server stopped: {0}", e.toString());
        } finally {
            sessions.forEach(ContentSession::close);
            sessions.clear();
            stamps.close();
            try {
                listener.close();
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the listener", e);
            }
        }
    }

    private void acceptAll() {
        long now = System.nanoTime();
        while (true) {
            SocketChannel channel;
            InetSocketAddress remote;
            try {
                channel = listener.accept();
                if (channel == null) {
                    return;
                }
                remote = (InetSocketAddress) channel.getRemoteAddress();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed: {0}", e.toString());
                return;
            }
            if (!connections.admit(remote.getAddress())) {
                LOG.fine(() -> remote + ": closed at once, over the connection limits (SEC-12)");
                closeQuietly(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ContentSession session = new ContentSession(channel, remote, store, stamps, shared, options,
                        completed::incrementAndGet, clientLog, now);
                channel.register(selector, SelectionKey.OP_READ, session);
                sessions.add(session);
            } catch (IOException e) {
                clientLog.event(System.nanoTime(), "connection ended", remote.getAddress(), () -> remote + ": connection ended: " + e);
                connections.release(remote.getAddress());
                closeQuietly(channel);
            }
        }
    }

    private void serve(SelectionKey key) {
        ContentSession session = (ContentSession) key.attachment();
        drive(session, () -> session.ready(key));
    }

    /** Hands a session the stamp a worker took for it, if it is still there. */
    private void resume(StampWorkers.Outcome stamped) {
        ContentSession session = (ContentSession) stamped.key().attachment();
        if (!stamped.key().isValid() || !sessions.contains(session)) {
            stamped.discard();
            return;
        }
        drive(session, () -> session.stamped(stamped.key(), stamped));
    }

    /** One step of a session's work; false once the session is over. */
    private interface SessionStep {
        boolean run() throws IOException;
    }

    /** Runs a step of a session; a session that is over, or that fails, is closed and its place given back. */
    private void drive(ContentSession session, SessionStep step) {
        boolean goesOn;
        try {
            goesOn = step.run();
        } catch (IOException e) {
            clientLog.event(System.nanoTime(), "connection ended", session.host(), () -> session + ": connection ended: " + e);
            goesOn = false;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session + ": unexpected failure", e); // never let one client take the server down (XFER-16)
            goesOn = false;
        }
        if (!goesOn && sessions.remove(session)) {
            release(session);
        }
    }

    /** Closes a session's connection and gives back its place (SEC-12); true, for removeIf. */
    private boolean release(ContentSession session) {
        session.close();
        connections.release(session.host());
        return true;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a connection", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
