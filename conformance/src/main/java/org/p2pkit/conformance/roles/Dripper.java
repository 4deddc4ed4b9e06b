package org.p2pkit.conformance.roles;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.p2pkit.conformance.run.WireLog;

/**
 * A client that holds content-server connections by sending a download request one byte at a time:
 * the slow-request attack that a per-read timeout does not stop (SEC-11). It notes when the target
 * closes each connection.
 */
public final class Dripper implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Long> closedAt = new ArrayList<>();
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * Opens the connections from {@code local} (null: any address) and starts dripping {@code request}.
     *
     * @throws IOException when the first connection cannot be made at all
     */
    public Dripper(InetSocketAddress server, InetAddress local, byte[] request, int connections, int everyMillis,
                   String role, WireLog log) throws IOException {
        for (int i = 0; i < connections; i++) {
            Socket socket = new Socket();
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            try {
                socket.connect(server, 1000);
                socket.setSoTimeout(1);
            } catch (IOException e) {
                socket.close();
                if (i == 0) {
                    throw e;
                }
            }
            sockets.add(socket);
            closedAt.add(socket.isConnected() ? null : 0L);
        }
        log.note(role, "opened " + connections + " connections and sends a D one byte every " + everyMillis + " ms");
        thread = new Thread(() -> drip(request, everyMillis), "dripper-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    private void drip(byte[] request, int everyMillis) {
        for (int at = 0; !stopped; at = (at + 1) % request.length) {
            synchronized (this) {
                for (int i = 0; i < sockets.size(); i++) {
                    if (closedAt.get(i) == null && closedByTarget(sockets.get(i), request[at])) {
                        closedAt.set(i, (System.nanoTime() - start) / 1_000_000);
                    }
                }
            }
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one byte; true when the target has closed the connection (end of stream, reset). */
    private static boolean closedByTarget(Socket socket, byte next) {
        try {
            InputStream in = socket.getInputStream();
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (java.net.SocketTimeoutException e) {
                // open and silent, as a content server waiting for the rest of the request is
            }
            socket.getOutputStream().write(next);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The connections still open after waiting up to {@code millis} from the start. */
    public int openAfter(long millis) throws InterruptedException {
        while (true) {
            int open;
            synchronized (this) {
                open = (int) closedAt.stream().filter(t -> t == null).count();
            }
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (open == 0 || waited >= millis) {
                return open;
            }
            Thread.sleep(Math.min(100, millis - waited));
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        synchronized (this) {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // the case is over
                }
            }
        }
    }
}
