package org.p2pkit.peer;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The content server's connection counts per source host and in all (SEC-12): one host cannot take
 * the slots that others need. Used by the server's event loop only, so it needs no locking.
 */
final class ConnectionLimits {
    private final int perHost;
    private final int total;
    private final Map<InetAddress, Integer> byHost = new HashMap<>();
    private int open;

    ConnectionLimits(int perHost, int total) {
        this.perHost = perHost;
        this.total = total;
    }

    /** Counts a new connection from {@code host}, or returns false when it is over a limit. */
    boolean admit(InetAddress host) {
        int fromHost = byHost.getOrDefault(host, 0);
        if (open >= total || fromHost >= perHost) {
            return false;
        }
        byHost.put(host, fromHost + 1);
        open++;
        return true;
    }

    /** Uncounts a connection that {@link #admit} counted. */
    void release(InetAddress host) {
        byHost.computeIfPresent(host, (h, n) -> n > 1 ? n - 1 : null);
        open--;
    }
}
