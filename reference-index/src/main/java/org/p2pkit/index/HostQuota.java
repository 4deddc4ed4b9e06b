package org.p2pkit.index;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The peers and registrations each source host holds (spec SEC-8), so that one host cannot fill
 * the index and keep others from joining. A host is the owner's IP address (SEC-1); peers
 * registered in process count against no host. Guarded by the registry's lock.
 */
final class HostQuota {
    /** What one host holds; a host holding nothing is dropped, so the map stays as small as the registry. */
    private static final class Held {
        int peers;
        int registrations;
    }

    private final int maxPeers;
    private final int maxRegistrations;
    private final Map<InetAddress, Held> byHost = new HashMap<>();

    HostQuota(IndexLimits limits) {
        this.maxPeers = limits.maxPeersPerHost();
        this.maxRegistrations = limits.maxRegistrationsPerHost();
    }

    /** The quota one more registration of {@code host} (by a new peer or not) would exceed, or null. */
    RegistrationOutcome exceeded(InetAddress host, boolean newPeer) {
        Held held = host == null ? null : byHost.get(host);
        if (held == null) {
            return null;
        }
        if (newPeer && held.peers >= maxPeers) {
            return RegistrationOutcome.HOST_PEER_LIMIT;
        }
        return held.registrations >= maxRegistrations ? RegistrationOutcome.HOST_REGISTRATION_LIMIT : null;
    }

    void added(InetAddress host, boolean newPeer) {
        if (host != null) {
            Held held = byHost.computeIfAbsent(host, h -> new Held());
            held.registrations++;
            held.peers += newPeer ? 1 : 0;
        }
    }

    void removed(InetAddress host, int registrations, boolean peerLeft) {
        Held held = host == null ? null : byHost.get(host);
        if (held != null) {
            held.registrations -= registrations;
            held.peers -= peerLeft ? 1 : 0;
            if (held.peers == 0) {
                byHost.remove(host);
            }
        }
    }
}
