package org.p2pkit.index;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * The registry shared by the members of a cluster (spec section 5.7), kept in Hazelcast maps in
 * their memory with a backup of every entry on another member: peers by name ({@link ClusterPeer}),
 * holders by content ({@link ClusterHolders}), and the counts the limits apply to
 * ({@link ClusterCounts}). Every change is an entry processor, atomic on the member that owns the
 * entry; an operation that spans entries (a registration changes a count, a peer and a content's
 * holders) takes them one after the other, so a concurrent request may see it half done (see the
 * spec for what that weakens). A search chooses and counts on the content's owner (CLUSTER-3).
 *
 * <p>Times are cluster times in nanoseconds, so that members agree on when a peer was seen (SEC-5, SEC-7).
 */
public final class ClusterRegistry implements Registry {
    /** Attempts of an operation that met a concurrent change of the same peer or content; each finds it changed. */
    private static final int ATTEMPTS = 64;

    private final HazelcastInstance cluster;
    private final IndexLimits limits;
    private final long probeStandsNanos;
    private final long seenStandsNanos;
    private final IMap<String, ClusterPeer> peers;
    private final IMap<String, ClusterHolders> holders;
    private final IMap<String, ClusterCounts> counts;

    /**
     * The registry kept in the maps named {@code prefix} + peers, holders and counts of a member
     * started by {@link ClusterMember}; every member of the cluster uses the same prefix.
     */
    ClusterRegistry(HazelcastInstance cluster, String prefix, IndexLimits limits, Probing probing) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.probeStandsNanos = probing.interval().toNanos();
        this.seenStandsNanos = probing.holderCheckInterval().toNanos();
        this.peers = cluster.getMap(prefix + "peers");
        this.holders = cluster.getMap(prefix + "holders");
        this.counts = cluster.getMap(prefix + "counts");
    }

    /** The registry of a cluster of indexes, in the maps every member uses. */
    public static ClusterRegistry of(HazelcastInstance cluster, IndexLimits limits, Probing probing) {
        return new ClusterRegistry(cluster, ClusterMember.MAP_PREFIX, limits, probing);
    }

    @Override
    public IndexLimits limits() {
        return limits;
    }

    @Override
    public RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address,
            Optional<ContentStamp> stamp, InetSocketAddress source, long now) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(address, "address");
        long at = clusterTime(now);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ClusterPeer known = peers.get(peer.value());
            if (known != null) {
                RegistrationOutcome refused = known.refusal(content.value(), source, at, probeStandsNanos,
                        limits.maxContentsPerPeer());
                if (refused == RegistrationOutcome.ALREADY_REGISTERED) {
                    // a member that died between adding the content to the peer and to its holders left it half
                    // registered; the peer registering it again completes it (adding a holder twice changes nothing)
                    holders.executeOnKey(content.value(), new ClusterHolders.Add(peer.value(), known.find(content.value())));
                }
                if (refused != null) {
                    return refused;
                }
            }
            // IDX-REG-6: after the peer's own checks, the index's limits, then the host's quota (SEC-8)
            boolean newPeer = known == null;
            InetAddress host = newPeer ? (source == null ? null : source.getAddress()) : known.host();
            ClusterCounts.Reservation total = counts.executeOnKey(ClusterCounts.TOTAL,
                    ClusterCounts.Reserve.total(newPeer, limits));
            if (total.refusal() != null) {
                return total.refusal();
            }
            if (host != null) {
                ClusterCounts.Reservation quota = counts.executeOnKey(host.getHostAddress(),
                        ClusterCounts.Reserve.host(newPeer, limits));
                if (quota.refusal() != null) {
                    release(null, 1, newPeer);
                    return quota.refusal();
                }
            }
            ClusterPeer.Content added = ClusterPeer.Content.of(content.value(), total.sequence(), stamp);
            RegistrationOutcome outcome = peers.executeOnKey(peer.value(), new ClusterPeer.Add(added, address.host(),
                    address.port(), source, at, newPeer, probeStandsNanos, limits.maxContentsPerPeer()));
            if (outcome == RegistrationOutcome.REGISTERED) {
                holders.executeOnKey(content.value(), new ClusterHolders.Add(peer.value(), added));
                return outcome;
            }
            release(host, 1, newPeer);
            if (outcome != null) {
                return outcome;
            }
            // the peer appeared or left since it was read: reserve again for the peer as it now is
        }
        throw new IllegalStateException("registration of '" + content.value() + "' by '" + peer.value()
                + "' kept meeting concurrent changes of the peer");
    }

    @Override
    public SearchHit search(ContentName content) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ClusterHolders.Pick pick = holders.executeOnKey(content.value(), new ClusterHolders.Serve(null));
            if (pick == null) {
                return null;
            }
            ClusterPeer peer = peers.get(pick.peer());
            if (peer != null) {
                return peer.hit(pick.content().stamp());
            }
            // the peer left after it was counted and before its holder entry followed: choose again
        }
        return null;
    }

    /**
     * IDX-SEARCH-2 with SEC-7 across members: the holder is chosen on the content's owner, its peer
     * read to see whether it was seen lately, and then counted only if it is still the one the rule
     * chooses; if a concurrent search counted it meanwhile, the new choice is checked instead.
     */
    @Override
    public Choice search(ContentName content, long now) {
        long at = clusterTime(now);
        ClusterHolders.Pick pick = holders.executeOnKey(content.value(), new ClusterHolders.First());
        for (int attempt = 0; pick != null && attempt < ATTEMPTS; attempt++) {
            ClusterPeer peer = peers.get(pick.peer());
            if (peer == null || !peer.holds(content.value())) {
                // a holder entry left behind by a removal still under way, or by a member that died during one
                holders.executeOnKey(content.value(), new ClusterHolders.Remove(pick.peer()));
                pick = holders.executeOnKey(content.value(), new ClusterHolders.First());
                continue;
            }
            if (at - peer.seenAt > seenStandsNanos) {
                return new Choice.ProbeFirst(peer.hit());
            }
            ClusterHolders.Pick served = holders.executeOnKey(content.value(), new ClusterHolders.Serve(pick.peer()));
            if (served != null && served.counted()) {
                return new Choice.Named(peer.hit(served.content().stamp()));
            }
            pick = served;
        }
        return Choice.Nobody.NOBODY;
    }

    @Override
    public SearchHit peer(PeerName peer) {
        ClusterPeer known = peers.get(peer.value());
        return known == null ? null : known.hit();
    }

    @Override
    public boolean probed(SearchHit peer, boolean alive, long now) {
        ClusterPeer.Removal removal = peers.executeOnKey(peer.holder().value(),
                new ClusterPeer.Probed(peer.address().host(), peer.address().port(), alive, clusterTime(now)));
        if (removal == null) {
            return false;
        }
        forget(peer.holder().value(), removal);
        return true;
    }

    @Override
    public RemovalOutcome deregister(PeerName peer, ContentName content, InetSocketAddress source) {
        ClusterPeer.Removal removal = peers.executeOnKey(peer.value(), new ClusterPeer.Deregister(content.value(), source));
        if (removal.outcome() == RemovalOutcome.REMOVED) {
            forget(peer.value(), removal);
        }
        return removal.outcome();
    }

    @Override
    public RemovalOutcome removePeer(PeerName peer, InetSocketAddress source) {
        ClusterPeer.Removal removal = peers.executeOnKey(peer.value(), new ClusterPeer.Leave(source));
        if (removal.outcome() == RemovalOutcome.REMOVED) {
            forget(peer.value(), removal);
        }
        return removal.outcome();
    }

    /** Takes what a peer entry gave up out of the holder entries and the counts. */
    private void forget(String peer, ClusterPeer.Removal removal) {
        for (ClusterPeer.Content content : removal.contents()) {
            holders.executeOnKey(content.name(), new ClusterHolders.Remove(peer));
        }
        release(removal.host(), removal.contents().size(), removal.peerLeft());
    }

    private void release(InetAddress host, int registrations, boolean peerLeft) {
        ClusterCounts.Release release = new ClusterCounts.Release(registrations, peerLeft);
        counts.executeOnKey(ClusterCounts.TOTAL, release);
        if (host != null) {
            counts.executeOnKey(host.getHostAddress(), release);
        }
    }

    /**
     * IDX-LIST-6 across members: every peer is read and put in the order of its first registration,
     * so a list request costs a pass over the registry, not a walk to its start as in one process.
     */
    @Override
    public ListPage list(int start, int maxEntries) {
        if (start < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("start " + start + " and maxEntries " + maxEntries);
        }
        List<ListEntry> entries = new ArrayList<>(maxEntries);
        int n = 0;
        for (ClusterPeer peer : inListOrder()) {
            for (int from = 0; from < peer.contents.size(); from += ListEntry.MAX_CONTENTS) {
                if (n++ < start) {
                    continue;
                }
                if (entries.size() == maxEntries) {
                    return new ListPage(entries, new ListEnd(start + maxEntries));
                }
                List<ContentName> names = new ArrayList<>(ListEntry.MAX_CONTENTS);
                for (int i = from; i < Math.min(from + ListEntry.MAX_CONTENTS, peer.contents.size()); i++) {
                    names.add(ContentName.of(peer.contents.get(i).name()));
                }
                entries.add(new ListEntry(PeerName.of(peer.name), names));
            }
        }
        return new ListPage(entries, ListEnd.COMPLETE);
    }

    @Override
    public List<RegisteredPeer> snapshot() {
        List<ClusterPeer> ordered = inListOrder();
        Set<String> contents = new HashSet<>();
        ordered.forEach(peer -> peer.contents.forEach(c -> contents.add(c.name())));
        Map<String, ClusterHolders> held = holders.getAll(contents);
        List<RegisteredPeer> result = new ArrayList<>(ordered.size());
        for (ClusterPeer peer : ordered) {
            result.add(peer.registered(c -> {
                ClusterHolders h = held.get(c.name());
                return h == null ? 0 : h.served(peer.name);
            }));
        }
        return result;
    }

    private List<ClusterPeer> inListOrder() {
        List<ClusterPeer> ordered = new ArrayList<>(peers.values());
        ordered.sort(Comparator.comparingLong(peer -> peer.order));
        return ordered;
    }

    @Override
    public int peerCount() {
        return peers.size();
    }

    @Override
    public int registrationCount() {
        ClusterCounts total = counts.get(ClusterCounts.TOTAL);
        return total == null ? 0 : total.registrations;
    }

    /** A {@link System#nanoTime()} reading of this member as a time all members agree on. */
    private long clusterTime(long now) {
        return cluster.getCluster().getClusterTime() * 1_000_000 + (now - System.nanoTime());
    }
}
