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
 * The registry in this process's memory, lost when it ends: the backend of {@code --in-memory}
 * and the one the durable registry keeps in front of its store.
 *
 * <p>No operation scans the registry: a search takes the root of the content's {@link HolderHeap},
 * ordered by (served count, registration sequence), and sifts it down with its count raised, in
 * O(log holders) within that content's one array ({@link HolderTable}); a list page finds its
 * first entry in O(log peers) through {@link ListOrder}.
 * One lock guards everything; its critical sections are a few map and tree operations, far
 * shorter than decoding the request that leads to them.
 */
public final class LocalRegistry implements Registry {
    private final Object lock = new Object();
    private final IndexLimits limits;
    /** How long a successful probe stands (SEC-5) and how long a peer counts as seen (SEC-7). */
    private final long probeStandsNanos;
    private final long seenStandsNanos;
    private final HostQuota quota;
    private final Map<PeerName, PeerRecord> peers = new HashMap<>();
    private final HolderTable holders = new HolderTable();
    private final ListOrder order = new ListOrder();
    private long nextSequence;
    private int registrations;

    /** A registry with the reference probe intervals. */
    public LocalRegistry(IndexLimits limits) {
        this(limits, Probing.DEFAULTS);
    }

    public LocalRegistry(IndexLimits limits, Probing probing) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.probeStandsNanos = probing.interval().toNanos();
        this.seenStandsNanos = probing.holderCheckInterval().toNanos();
        this.quota = new HostQuota(limits);
    }

    @Override
    public IndexLimits limits() {
        return limits;
    }

    @Override
    public RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address, Optional<ContentStamp> stamp,
            InetSocketAddress source, long now) {
        synchronized (lock) {
            return register(peer, content, address, stamp, source, now, nextSequence, 0);
        }
    }

    /**
     * Registers again what a store kept (PERSIST-1): as {@link #register} with the registration's
     * own {@code sequence} and {@code served} count, so that the selection rule's ties fall as
     * before. Peers are placed in the list in the order they are restored.
     */
    RegistrationOutcome restore(PeerName peer, ContentName content, PeerAddress address, Optional<ContentStamp> stamp,
            InetSocketAddress owner, long now, long sequence, long served) {
        synchronized (lock) {
            return register(peer, content, address, stamp, owner, now, sequence, served);
        }
    }

    /** Guarded by the lock. */
    private RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address,
            Optional<ContentStamp> stamp, InetSocketAddress source, long now, long sequence, long served) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(address, "address");
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
        } else if (record.moveTo(address)) {
            record.holdings.forEach(holders::renamed);
        }
        record.seenAt = now; // a registration shows the peer alive (SEC-7)
        Holding holding = new Holding(record, content, sequence, stamp);
        nextSequence = Math.max(nextSequence, sequence + 1);
        record.holdings.add(holding);
        record.byContent.put(content, holding);
        holders.add(holding, served);
        order.setWeight(record, record.entries());
        registrations++;
        return RegistrationOutcome.REGISTERED;
    }

    @Override
    public SearchHit search(ContentName content) {
        synchronized (lock) {
            return holders.serveFirst(content);
        }
    }

    @Override
    public Choice search(ContentName content, long now) {
        synchronized (lock) {
            return holders.choose(content, now, seenStandsNanos);
        }
    }

    @Override
    public SearchHit peer(PeerName peer) {
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
            return record == null ? null : record.hit();
        }
    }

    @Override
    public boolean probed(SearchHit peer, boolean alive, long now) {
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

    @Override
    public RemovalOutcome deregister(PeerName peer, ContentName content, InetSocketAddress source) {
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
            holders.remove(holding);
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

    @Override
    public RemovalOutcome removePeer(PeerName peer, InetSocketAddress source) {
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

    @Override
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

    /** The registration sequence the next accepted registration gets (IDX-SEARCH-2's tie rule). */
    long nextSequence() {
        synchronized (lock) {
            return nextSequence;
        }
    }

    /** Search hits that named {@code peer} for {@code content} (IDX-SEARCH-4), or -1 when it is not registered. */
    long served(PeerName peer, ContentName content) {
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
            Holding holding = record == null ? null : record.byContent.get(content);
            return holding == null ? -1 : holders.served(holding);
        }
    }

    @Override
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
                        contents.add(new RegisteredPeer.Content(holding.content, holders.served(holding)));
                    }
                    result.add(new RegisteredPeer(record.name, record.hit().address(), contents));
                }
            }
            return result;
        }
    }

    @Override
    public int peerCount() {
        synchronized (lock) {
            return peers.size();
        }
    }

    @Override
    public int registrationCount() {
        synchronized (lock) {
            return registrations;
        }
    }

    /** Removes a peer with all its registrations and its binding to its owner (IDX-LEAVE-1, SEC-1). */
    private void forget(PeerRecord record) {
        peers.remove(record.name);
        record.holdings.forEach(holders::remove);
        registrations -= record.holdings.size();
        quota.removed(record.host(), record.holdings.size(), true);
        order.remove(record);
    }
}
