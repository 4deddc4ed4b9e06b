package org.p2pkit.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.p2pkit.model.PeerAddress;

/**
 * Stand-ins for the content servers that the index probes (spec SEC-5, SEC-7): one that accepts
 * and counts connections, an address where nothing listens, and one whose connections hang.
 */
final class ContentServers {
    private ContentServers() {
    }

    /** A content server on loopback that accepts connections, counts them and closes them. */
    static final class Live implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();

        Live() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread thread = new Thread(this::acceptAll, "content-server-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try {
                    socket.accept().close();
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        PeerAddress address() {
            return new PeerAddress("127.0.0.1", socket.getLocalPort());
        }

        /** Connections accepted so far: the index's probes. */
        int accepted() {
            return accepted.get();
        }

        /**
         * Connections accepted once the accepting thread has caught up with {@code expected}, or after
         * 2 s: a probe's connection completes in the kernel's backlog, so the index can answer before
         * this server's thread has counted it.
         */
        int acceptedAtLeast(int expected) throws InterruptedException {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (accepted.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(50); // and no more than that: a further probe would be counted by now
            return accepted.get();
        }

        /** Stops it, as a killed peer's content server stops. */
        void kill() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            kill();
        }
    }

    /** An address on loopback where nothing listens: a probe of it is refused at once. */
    static PeerAddress dead() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new PeerAddress("127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A content server whose accept queue is full and that never accepts: Linux drops the SYN of a
     * new connection, so a probe of it waits until its timeout, as for a host that went away.
     */
    static final class Hanging implements AutoCloseable {
        private static final int CONNECT_MILLIS = 200;
        private final ServerSocket socket;
        private final List<Socket> queued = new ArrayList<>();

        Hanging() {
            try {
                socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                InetSocketAddress where = (InetSocketAddress) socket.getLocalSocketAddress();
                while (queued.size() < 16) {
                    Socket client = new Socket();
                    try {
                        client.connect(where, CONNECT_MILLIS);
                    } catch (IOException full) {
                        client.close();
                        return; // the queue is full: the next connection hangs
                    }
                    queued.add(client);
                }
                throw new IllegalStateException("the accept queue never filled; cannot make a hanging content server");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        PeerAddress address() {
            return new PeerAddress("127.0.0.1", socket.getLocalPort());
        }

        @Override
        public void close() {
            try {
                for (Socket client : queued) {
                    client.close();
                }
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
