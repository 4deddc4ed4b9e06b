package org.p2pkit.peer;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;
import org.p2pkit.model.PeerAddress;

/**
 * Chooses the address a peer announces in its registrations and starts the content server there,
 * so that the address fits the 19 characters of the classic field (spec ADDR-1, ADDR-2).
 */
final class AnnouncedAddress {
    private static final int BIND_ATTEMPTS = 50;
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private AnnouncedAddress() {
    }

    /** The configured host, or the local IPv4 address that routes to the index. */
    static InetAddress host(String configured, InetSocketAddress index) throws IOException {
        if (configured != null) {
            try {
                return InetAddress.getByName(PeerAddress.checkHost(configured));
            } catch (IllegalArgumentException e) {
                throw new IOException("--host " + configured + ": " + e.getMessage(), e);
            }
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(index); // no packet is sent; this only asks the routing table
            InetAddress local = probe.getLocalAddress();
            if (local instanceof Inet4Address && !local.isAnyLocalAddress()) {
                return local;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the defaults below
        }
        if (index.getAddress() != null && index.getAddress().isLoopbackAddress()) {
            return InetAddress.getByName("127.0.0.1");
        }
        InetAddress local = InetAddress.getLocalHost();
        if (local instanceof Inet4Address) {
            return local;
        }
        throw new UnknownHostException("cannot tell which IPv4 address other peers reach this one at; give it with --host");
    }

    /**
     * Starts the content server on {@code host}: on the configured port, or on an ephemeral one
     * whose address fits 19 characters; picks a shorter port when an ephemeral one does not (ADDR-1).
     */
    static ContentServer start(ContentStore store, ContentServer.Options options, InetAddress host) throws IOException {
        String text = host.getHostAddress();
        int widest = PeerAddress.MAX_TEXT_LENGTH - text.length() - 1;
        if (options.port() != 0) {
            check(text, options.port(), widest);
            return ContentServer.start(store, options);
        }
        ContentServer server = ContentServer.start(store, options);
        if (fits(server.localAddress().getPort(), widest)) {
            return server;
        }
        server.close();
        int highest = (int) Math.min(65535, Math.pow(10, widest) - 1);
        if (highest < FIRST_UNPRIVILEGED_PORT) {
            check(text, 65535, widest); // throws with the explanation
        }
        IOException last = null;
        for (int i = 0; i < BIND_ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_UNPRIVILEGED_PORT, highest + 1);
            try {
                return ContentServer.start(store, options.withPort(port));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no free port of at most " + widest + " digits on " + text + ", which the 19-character address needs (ADDR-1)", last);
    }

    private static boolean fits(int port, int widest) {
        return Integer.toString(port).length() <= widest;
    }

    private static void check(String host, int port, int widest) throws IOException {
        if (!fits(port, widest)) {
            throw new IOException("the address " + host + "/" + port + " has more than " + PeerAddress.MAX_TEXT_LENGTH
                    + " characters and cannot be registered (ADDR-1); "
                    + (widest >= 4 ? "use --port with at most " + widest + " digits" : "use a shorter --host"));
        }
    }
}
