package org.p2pkit.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many connections from one source host to a content server, each reopened soon after the server
 * closes it: idle ones that send nothing, or dripping ones that send one byte of a D now and then.
 * One thread with non-blocking sockets drives them all, so the attack costs the test machine little.
 */
final class Attack implements AutoCloseable {
    private static final long REOPEN_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final InetSocketAddress target;
    private final InetSocketAddress from;
    private final byte[] request;
    private final long dripNanos;
    private final Selector selector;
    private final Thread loop;
    private final Queue<Long> reopenAt = new ArrayDeque<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private volatile boolean stopping;

    private Attack(InetSocketAddress target, String fromHost, int connections, byte[] request, Duration drip) throws IOException {
        this.target = target;
        this.from = new InetSocketAddress(fromHost, 0);
        this.request = request;
        this.dripNanos = drip.toNanos();
        this.selector = Selector.open();
        long now = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            reopenAt.add(now);
        }
        loop = new Thread(this::run, "attack-from-" + fromHost);
        loop.setDaemon(true);
        loop.start();
    }

    /** Connections that send nothing. */
    static Attack idle(InetSocketAddress target, String fromHost, int connections) throws IOException {
        return new Attack(target, fromHost, connections, new byte[0], Duration.ofDays(1));
    }

    /** Connections that send the next byte of {@code request} every {@code drip}. */
    static Attack dripping(InetSocketAddress target, String fromHost, int connections, byte[] request, Duration drip) throws IOException {
        return new Attack(target, fromHost, connections, request, drip);
    }

    /** How many connections were opened so far, reopenings included. */
    int opened() {
        return opened.get();
    }

    /** How many connections the server closed so far. */
    int closedByServer() {
        return closedByServer.get();
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        selector.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /** Where a dripping connection is in its request. */
    private static final class Connection {
        long nextDrip;
        int sent;

        Connection(long nextDrip) {
            this.nextDrip = nextDrip;
        }
    }

    private void run() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            while (!stopping) {
                selector.select(5);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable()) {
                            channel.finishConnect();
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable() && channel.read(sink.clear()) < 0) {
                            throw new IOException("closed by the server");
                        }
                    } catch (IOException e) {
                        drop(key, now);
                    }
                }
                selector.selectedKeys().clear();
                drip(now);
                while (!reopenAt.isEmpty() && reopenAt.peek() - now <= 0) {
                    reopenAt.remove();
                    open(now);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the attack stopped", e);
        }
    }

    private void open(long now) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.bind(from);
        channel.connect(target);
        channel.register(selector, SelectionKey.OP_CONNECT, new Connection(now + dripNanos));
        opened.incrementAndGet();
    }

    private void drip(long now) {
        for (SelectionKey key : selector.keys()) {
            Connection c = (Connection) key.attachment();
            if (!key.isValid() || key.interestOps() != SelectionKey.OP_READ || c.nextDrip - now > 0 || c.sent >= request.length) {
                continue;
            }
            try {
                ((SocketChannel) key.channel()).write(ByteBuffer.wrap(request, c.sent, 1));
                c.sent++;
                c.nextDrip = now + dripNanos;
            } catch (IOException e) {
                drop(key, now);
            }
        }
    }

    private void drop(SelectionKey key, long now) {
        closedByServer.incrementAndGet();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // it is gone either way
        }
        reopenAt.add(now + REOPEN_AFTER_NANOS);
    }
}
