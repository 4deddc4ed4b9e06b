package org.p2pkit.index;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * The index's state: peers with their address and owner, contents with their holders and served
 * counts (spec section 5, SEC-1), and when each peer was last seen alive (SEC-5, SEC-7).
 * Thread-safe: every operation is atomic.
 *
 * <p>Operations that take a source act for that datagram source and apply ownership (SEC-1 to
 * SEC-4) and the per-host quotas (SEC-8); a null source, and the operations without one, act in
 * process, for the program that runs the index, and are exempt from both.
 *
 * <p>No operation scans the registry: a search takes the root of the content's {@link HolderHeap},
 * ordered by (served count, registration sequence), and sifts it down with its count raised, in
 * O(log holders) within that content's arrays; a list page finds its first entry in O(log peers)
 * through {@link ListOrder}.
 * One lock guards everything; its critical sections are a few map and tree operations, far
 * shorter than decoding the request that leads to them.
 */
public final class Registry {
    private final Object lock = new Object();
    private final IndexLimits limits;
    /** How long a successful probe stands (SEC-5) and how long a peer counts as seen (SEC-7). */
    private final long probeStandsNanos;
    private final long seenStandsNanos;
    private final HostQuota quota;
    private final Map<PeerName, PeerRecord> peers = new HashMap<>();
    private final Map<ContentName, HolderHeap> holders = new HashMap<>();
    private final ListOrder order = new ListOrder();
    private long nextSequence;
    private int registrations;

    /** A registry with the reference probe intervals. */
    public Registry(IndexLimits limits) {
        this(limits, Probing.DEFAULTS);
    }

    public Registry(IndexLimits limits, Probing probing) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.probeStandsNanos = probing.interval().toNanos();
        this.seenStandsNanos = probing.holderCheckInterval().toNanos();
        this.quota = new HostQuota(limits);
    }

    public IndexLimits limits() {
        return limits;
    }

    /**
     * Records that {@code peer} serves {@code content} at {@code address} (IDX-REG-2), in process;
     * a known peer moves to the new address (IDX-REG-4). Anything but
     * {@link RegistrationOutcome#REGISTERED} leaves the registry unchanged (IDX-REG-3, IDX-REG-5).
     */
    public RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address) {
        return register(peer, content, address, Optional.empty(), null, System.nanoTime());
    }

    /**
     * A registration from {@code source} at {@code now} ({@link System#nanoTime()}), checked in the
     * order of IDX-REG-6 once its address is accepted: owner (SEC-2, SEC-5), duplicate (IDX-REG-3),
     * limits (IDX-REG-5, SEC-8). A new peer is owned by {@code source} (SEC-1). The registration
     * keeps {@code stamp} (EXT-5). Anything but {@link RegistrationOutcome#REGISTERED} leaves the
     * registry unchanged, the stamp of a duplicate included (EXT-7).
     */
    RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address, Optional<ContentStamp> stamp,
            InetSocketAddress source, long now) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(address, "address");
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
            if (record != null && !record.ownedBy(source)) {
                return record.probed && now - record.probedAt <= probeStandsNanos
                        ? RegistrationOutcome.NAME_IN_USE : RegistrationOutcome.OWNER_UNCHECKED;
            }
            if (record != null && record.byContent.containsKey(content)) {
                return RegistrationOutcome.ALREADY_REGISTERED;
            }
            if (record == null && peers.size() >= limits.maxPeers()) {
                return RegistrationOutcome.PEER_LIMIT;
            }
            if (record != null && record.holdings.size() >= limits.maxContentsPerPeer()) {
                return RegistrationOutcome.CONTENT_LIMIT;
            }
            if (registrations >= limits.maxRegistrations()) {
                return RegistrationOutcome.REGISTRATION_LIMIT;
            }
            InetAddress host = record == null ? (source == null ? null : source.getAddress()) : record.host();
            RegistrationOutcome overQuota = quota.exceeded(host, record == null);
            if (overQuota != null) {
                return overQuota;
            }
            quota.added(host, record == null);
            if (record == null) {
                record = new PeerRecord(peer, address, source);
                peers.put(peer, record);
                order.add(record, 0);
            } else {
                record.moveTo(address);
            }
            record.seenAt = now; // a registration shows the peer alive (SEC-7)
            Holding holding = new Holding(record, content, nextSequence++, stamp);
            record.holdings.add(holding);
            record.byContent.put(content, holding);
            holders.computeIfAbsent(content, c -> new HolderHeap()).add(holding);
            order.setWeight(record, record.entries());
            registrations++;
            return RegistrationOutcome.REGISTERED;
        }
    }

    /**
     * Picks the holder of {@code content} with the fewest served downloads, the oldest registration
     * on a tie (IDX-SEARCH-2), and counts one more download for it (IDX-SEARCH-4), in process:
     * whether the holder is still alive is not checked (SEC-7 is the request handler's).
     *
     * @return the hit to send, with the registration's stamp if any (EXT-6), or null when nobody
     *     holds the content (IDX-SEARCH-5)
     */
    public SearchHit search(ContentName content) {
        synchronized (lock) {
            HolderHeap heap = holders.get(content);
            return heap == null ? null : heap.serveNext().named().hit();
        }
    }

    /**
     * The holder of {@code content} that IDX-SEARCH-2 chooses, named and counted (IDX-SEARCH-4) only
     * if it registered or passed a probe within the check interval before {@code now}; otherwise it
     * is to be probed first and nothing is counted (SEC-7).
     */
    Choice search(ContentName content, long now) {
        synchronized (lock) {
            HolderHeap heap = holders.get(content);
            if (heap == null) {
                return Choice.Nobody.NOBODY;
            }
            Holding first = heap.first();
            if (now - first.peer.seenAt > seenStandsNanos) {
                return first.peer.probeFirst;
            }
            heap.serveNext();
            return first.named();
        }
    }

    /** The peer called {@code peer} at its current address, as a search would name it; null when unknown. */
    SearchHit peer(PeerName peer) {
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
            return record == null ? null : record.hit();
        }
    }

    /**
     * Records the probe of {@code peer}'s content server at {@code now}: a peer that accepted the
     * connection is seen and its probe stands (SEC-5, SEC-7); one that did not is forgotten with all
     * its registrations. A peer that moved or left meanwhile is not the one probed and stays as it is.
     *
     * @return whether the peer was forgotten
     */
    boolean probed(SearchHit peer, boolean alive, long now) {
        synchronized (lock) {
            PeerRecord record = peers.get(peer.holder());
            if (record == null || record.hit() != peer) {
                return false;
            }
            if (alive) {
                record.seenAt = now;
                record.probedAt = now;
                record.probed = true;
                return false;
            }
            forget(record);
            return true;
        }
    }

    /**
     * Removes the registration of {@code content} by {@code peer} (IDX-DEREG-2), in process; a peer
     * left without content is forgotten (IDX-DEREG-4).
     *
     * @return false, changing nothing, when the peer had not registered it (IDX-DEREG-3)
     */
    public boolean deregister(PeerName peer, ContentName content) {
        return deregister(peer, content, null) == RemovalOutcome.REMOVED;
    }

    /** A content deregistration from {@code source}; only the owner's changes anything (SEC-3). */
    RemovalOutcome deregister(PeerName peer, ContentName content, InetSocketAddress source) {
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
            if (record != null && !record.ownedBy(source)) {
                return RemovalOutcome.NOT_OWNER;
            }
            Holding holding = record == null ? null : record.byContent.remove(content);
            if (holding == null) {
                return RemovalOutcome.NOT_FOUND;
            }
            record.holdings.remove(holding);
            dropHolder(holding);
            registrations--;
            quota.removed(record.host(), 1, false);
            if (record.holdings.isEmpty()) {
                forget(record);
            } else {
                order.setWeight(record, record.entries());
            }
            return RemovalOutcome.REMOVED;
        }
    }

    /**
     * Removes a peer with all its registrations (IDX-LEAVE-1), in process.
     *
     * @return false when the peer was unknown (nothing happens, IDX-LEAVE-2)
     */
    public boolean removePeer(PeerName peer) {
        return removePeer(peer, null) == RemovalOutcome.REMOVED;
    }

    /** A peer deregistration from {@code source}; only the owner's changes anything (SEC-4). */
    RemovalOutcome removePeer(PeerName peer, InetSocketAddress source) {
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
            if (record == null) {
                return RemovalOutcome.NOT_FOUND;
            }
            if (!record.ownedBy(source)) {
                return RemovalOutcome.NOT_OWNER;
            }
            forget(record);
            return RemovalOutcome.REMOVED;
        }
    }

    /**
     * The list entries from entry {@code start} on, at most {@code maxEntries} of them (IDX-LIST-2,
     * IDX-LIST-4), in the order of IDX-LIST-6; a start past the end gives no entries and the
     * complete end (IDX-LIST-5).
     */
    public ListPage list(int start, int maxEntries) {
        if (start < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("start " + start + " and maxEntries " + maxEntries);
        }
        synchronized (lock) {
            int total = order.total();
            List<ListEntry> entries = new ArrayList<>(Math.min(maxEntries, Math.max(0, total - start)));
            int next = start;
            while (next < total && entries.size() < maxEntries) {
                ListOrder.Position position = order.locate(next);
                entries.add(position.peer().entry(position.entry()));
                next++;
            }
            return new ListPage(entries, next < total ? new ListEnd(next) : ListEnd.COMPLETE);
        }
    }

    /** Every peer in list order, with its address and contents (IDX-LIST-6); a consistent copy. */
    public List<RegisteredPeer> snapshot() {
        synchronized (lock) {
            List<RegisteredPeer> result = new ArrayList<>(peers.size());
            int total = order.total();
            for (int n = 0; n < total; n++) {
                ListOrder.Position position = order.locate(n);
                if (position.entry() == 0) {
                    PeerRecord record = position.peer();
                    List<RegisteredPeer.Content> contents = new ArrayList<>(record.holdings.size());
                    for (Holding holding : record.holdings) {
                        long served = holders.get(holding.content).served(holding);
                        contents.add(new RegisteredPeer.Content(holding.content, served));
                    }
                    result.add(new RegisteredPeer(record.name, record.hit().address(), contents));
                }
            }
            return result;
        }
    }

    public int peerCount() {
        synchronized (lock) {
            return peers.size();
        }
    }

    public int registrationCount() {
        synchronized (lock) {
            return registrations;
        }
    }

    /** Removes a peer with all its registrations and its binding to its owner (IDX-LEAVE-1, SEC-1). */
    private void forget(PeerRecord record) {
        peers.remove(record.name);
        for (Holding holding : record.holdings) {
            dropHolder(holding);
        }
        registrations -= record.holdings.size();
        quota.removed(record.host(), record.holdings.size(), true);
        order.remove(record);
    }

    private void dropHolder(Holding holding) {
        HolderHeap heap = holders.get(holding.content);
        heap.remove(holding);
        if (heap.isEmpty()) {
            holders.remove(holding.content);
        }
    }
}
