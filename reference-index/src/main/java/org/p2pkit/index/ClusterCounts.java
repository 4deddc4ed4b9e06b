package org.p2pkit.index;

import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.Map;

/**
 * Peers and registrations counted against a limit, the value of an entry in the counts map: the
 * whole index's (IDX-REG-5) under {@link #TOTAL}, each source host's (SEC-8) under its address. A
 * registration reserves its place before it is added and gives it back when it is not, so that
 * concurrent registrations at different members cannot pass a limit together. The total also
 * draws the registration sequence, one counter for the whole cluster (IDX-SEARCH-2, IDX-LIST-6).
 */
final class ClusterCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String TOTAL = "*";

    int peers;
    int registrations;
    long nextSequence;

    /** A reservation: refused with {@code refusal}, or granted with the registration's sequence. */
    record Reservation(RegistrationOutcome refusal, long sequence) implements Serializable {
    }

    /** Reserves one registration, and one peer when {@code newPeer}, within the limits. */
    record Reserve(boolean newPeer, int maxPeers, int maxRegistrations, RegistrationOutcome peerRefusal,
            RegistrationOutcome registrationRefusal) implements EntryProcessor<String, ClusterCounts, Reservation> {
        static Reserve total(boolean newPeer, IndexLimits limits) {
            return new Reserve(newPeer, limits.maxPeers(), limits.maxRegistrations(), RegistrationOutcome.PEER_LIMIT,
                    RegistrationOutcome.REGISTRATION_LIMIT);
        }

        static Reserve host(boolean newPeer, IndexLimits limits) {
            return new Reserve(newPeer, limits.maxPeersPerHost(), limits.maxRegistrationsPerHost(),
                    RegistrationOutcome.HOST_PEER_LIMIT, RegistrationOutcome.HOST_REGISTRATION_LIMIT);
        }

        @Override
        public Reservation process(Map.Entry<String, ClusterCounts> entry) {
            ClusterCounts counts = entry.getValue() == null ? new ClusterCounts() : entry.getValue();
            if (newPeer && counts.peers >= maxPeers) {
                return new Reservation(peerRefusal, -1);
            }
            if (counts.registrations >= maxRegistrations) {
                return new Reservation(registrationRefusal, -1);
            }
            counts.peers += newPeer ? 1 : 0;
            counts.registrations++;
            long sequence = counts.nextSequence++;
            entry.setValue(counts);
            return new Reservation(null, sequence);
        }
    }

    /** Gives back {@code registrations}, and a peer when {@code peerLeft}; a host that holds nothing is dropped. */
    record Release(int registrations, boolean peerLeft) implements EntryProcessor<String, ClusterCounts, Void> {
        @Override
        public Void process(Map.Entry<String, ClusterCounts> entry) {
            ClusterCounts counts = entry.getValue();
            if (counts != null) {
                counts.registrations -= registrations;
                counts.peers -= peerLeft ? 1 : 0;
                boolean empty = counts.peers <= 0 && counts.registrations <= 0 && !TOTAL.equals(entry.getKey());
                entry.setValue(empty ? null : counts);
            }
            return null;
        }
    }
}
