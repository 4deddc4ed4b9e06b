package org.p2pkit.index;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.p2pkit.model.Message;

/**
 * The requests from datagram sources that wait for a probe before they are answered (spec SEC-5,
 * SEC-7), bounded in all and per source host so that one host cannot take all the room. A
 * retransmission of a waiting request (same source, same request, UDP-6) is not admitted: it
 * starts no second probe and is dropped, since the answer to the first, sent when the probe ends,
 * answers the client's retry as well.
 */
final class PendingRequests {
    enum Admission {
        ADMITTED,
        /** The same request from the same source already waits; this one is dropped. */
        RETRANSMISSION,
        /** Too many requests wait, in all or from this host; this one is dropped. */
        FULL
    }

    private record Waiting(InetSocketAddress source, Message request) {
    }

    private final int max;
    private final int maxPerHost;
    private final Set<Waiting> waiting = new HashSet<>();
    private final Map<InetAddress, Integer> perHost = new HashMap<>();

    PendingRequests(Probing probing) {
        this.max = probing.maxPending();
        this.maxPerHost = probing.maxPendingPerHost();
    }

    synchronized Admission admit(InetSocketAddress source, Message request) {
        Waiting entry = new Waiting(source, request);
        if (waiting.contains(entry)) {
            return Admission.RETRANSMISSION;
        }
        int fromHost = perHost.getOrDefault(source.getAddress(), 0);
        if (waiting.size() >= max || fromHost >= maxPerHost) {
            return Admission.FULL;
        }
        waiting.add(entry);
        perHost.put(source.getAddress(), fromHost + 1);
        return Admission.ADMITTED;
    }

    /** The request admitted from {@code source} no longer waits. */
    synchronized void release(InetSocketAddress source, Message request) {
        if (waiting.remove(new Waiting(source, request))) {
            perHost.computeIfPresent(source.getAddress(), (host, n) -> n == 1 ? null : n - 1);
        }
    }
}
