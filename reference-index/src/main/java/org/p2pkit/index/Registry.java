package org.p2pkit.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * The index's state: peers with their address, contents with their holders and served counts
 * (spec section 5). Thread-safe: every operation is atomic.
 *
 * <p>No operation scans the registry: a search takes the root of the content's {@link HolderHeap},
 * ordered by (served count, registration sequence), and sifts it down with its count raised, in
 * O(log holders) within one array; a list page finds its first entry in O(log peers) through
 * {@link ListOrder}.
 * One lock guards everything; its critical sections are a few map and tree operations, far
 * shorter than decoding the request that leads to them.
 */
public final class Registry {
    private final Object lock = new Object();
    private final IndexLimits limits;
    private final Map<PeerName, PeerRecord> peers = new HashMap<>();
    private final Map<ContentName, HolderHeap> holders = new HashMap<>();
    private final ListOrder order = new ListOrder();
    private long nextSequence;
    private int registrations;

    public Registry(IndexLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public IndexLimits limits() {
        return limits;
    }

    /**
     * Records that {@code peer} serves {@code content} at {@code address} (IDX-REG-2); a known peer
     * moves to the new address (IDX-REG-4). Anything but {@link RegistrationOutcome#REGISTERED}
     * leaves the registry unchanged (IDX-REG-3, IDX-REG-5).
     */
    public RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(address, "address");
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
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
            if (record == null) {
                record = new PeerRecord(peer, address);
                peers.put(peer, record);
                order.add(record, 0);
            } else {
                record.moveTo(address);
            }
            Holding holding = new Holding(record, content, nextSequence++);
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
     * on a tie (IDX-SEARCH-2), and counts one more download for it (IDX-SEARCH-4).
     *
     * @return the hit to send, or null when nobody holds the content (IDX-SEARCH-5)
     */
    public SearchHit search(ContentName content) {
        synchronized (lock) {
            HolderHeap heap = holders.get(content);
            return heap == null ? null : heap.serveNext().peer.hit;
        }
    }

    /**
     * Removes the registration of {@code content} by {@code peer} (IDX-DEREG-2); a peer left
     * without content is forgotten (IDX-DEREG-4).
     *
     * @return false, changing nothing, when the peer had not registered it (IDX-DEREG-3)
     */
    public boolean deregister(PeerName peer, ContentName content) {
        synchronized (lock) {
            PeerRecord record = peers.get(peer);
            Holding holding = record == null ? null : record.byContent.remove(content);
            if (holding == null) {
                return false;
            }
            record.holdings.remove(holding);
            dropHolder(holding);
            registrations--;
            if (record.holdings.isEmpty()) {
                peers.remove(peer);
                order.remove(record);
            } else {
                order.setWeight(record, record.entries());
            }
            return true;
        }
    }

    /**
     * Removes a peer with all its registrations (IDX-LEAVE-1).
     *
     * @return false when the peer was unknown (nothing happens, IDX-LEAVE-2)
     */
    public boolean removePeer(PeerName peer) {
        synchronized (lock) {
            PeerRecord record = peers.remove(peer);
            if (record == null) {
                return false;
            }
            for (Holding holding : record.holdings) {
                dropHolder(holding);
            }
            registrations -= record.holdings.size();
            order.remove(record);
            return true;
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
                        contents.add(new RegisteredPeer.Content(holding.content, holding.served));
                    }
                    result.add(new RegisteredPeer(record.name, record.hit.address(), contents));
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

    private void dropHolder(Holding holding) {
        HolderHeap heap = holders.get(holding.content);
        heap.remove(holding);
        if (heap.isEmpty()) {
            holders.remove(holding.content);
        }
    }
}
