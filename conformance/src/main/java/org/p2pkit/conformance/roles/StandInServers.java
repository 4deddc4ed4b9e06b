package org.p2pkit.conformance.roles;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Content servers that are up, for index cases: each accepts connections and closes them, which is
 * all an index's probe of a peer asks (SEC-5, SEC-7).
 */
public final class StandInServers implements AutoCloseable {
    private final Map<String, ServerSocket> servers = new LinkedHashMap<>();

    /**
     * Starts the server of a role on a host of its own (the host the role sends from, so that its
     * registration names the sender's host, SEC-6); its address in the wire form {@code host/port}.
     */
    public String start(String role, InetAddress host) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, host);
        servers.put(role, server);
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close(); // accepted: the probe has its answer
                } catch (IOException e) {
                    return;
                }
            }
        }, "stand-in-server-" + role);
        thread.setDaemon(true);
        thread.start();
        InetSocketAddress at = (InetSocketAddress) server.getLocalSocketAddress();
        return at.getAddress().getHostAddress() + "/" + at.getPort();
    }

    @Override
    public void close() {
        for (ServerSocket server : servers.values()) {
            try {
                server.close();
            } catch (IOException e) {
                // the case is over
            }
        }
    }
}
