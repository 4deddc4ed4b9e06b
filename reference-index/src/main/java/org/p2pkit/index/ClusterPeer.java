package org.p2pkit.index;

import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * A peer as the cluster keeps it, the value of its entry in the peers map (keyed by name): its
 * address, owner (SEC-1), place in the list (IDX-LIST-6), probe state (SEC-5, SEC-7) and contents in
 * registration order. It changes only through the entry processors below, which run atomically on
 * the member that owns the name's partition and again on its backup.
 */
final class ClusterPeer implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One registered content and what its holder entry needs to be made again (see
     * {@link ClusterRegistry}); the stamp as its fields (digest null for none), as the model's
     * records do not travel between members.
     */
    record Content(String name, long sequence, long stampSize, String stampDigest) implements Serializable {
        static Content of(String name, long sequence, Optional<ContentStamp> stamp) {
            return new Content(name, sequence, stamp.map(ContentStamp::size).orElse(0L),
                    stamp.map(ContentStamp::sha256).orElse(null));
        }

        Optional<ContentStamp> stamp() {
            return stampDigest == null ? Optional.empty() : Optional.of(new ContentStamp(stampSize, stampDigest));
        }
    }

    final String name;
    /** The registration's source that made the peer known; null for one registered in process (SEC-1). */
    final InetSocketAddress owner;
    /** The registration sequence of the peer's first registration: the list order (IDX-LIST-6). */
    final long order;
    /** The peer's address (IDX-REG-4), as host and port. */
    String host;
    int port;
    /** Cluster times ({@link ClusterRegistry}'s clock) of the last sign of life and of the last probe passed. */
    long seenAt;
    long probedAt;
    boolean probed;
    final List<Content> contents = new ArrayList<>();

    private ClusterPeer(String name, InetSocketAddress owner, long order) {
        this.name = name;
        this.owner = owner;
        this.order = order;
    }

    PeerAddress address() {
        return new PeerAddress(host, port);
    }

    boolean isAt(String host, int port) {
        return this.host.equals(host) && this.port == port;
    }

    SearchHit hit() {
        return new SearchHit(PeerName.of(name), address());
    }

    SearchHit hit(Optional<ContentStamp> stamp) {
        return new SearchHit(PeerName.of(name), address(), stamp);
    }

    InetAddress host() {
        return owner == null ? null : owner.getAddress();
    }

    boolean holds(String content) {
        return find(content) != null;
    }

    Content find(String content) {
        for (Content c : contents) {
            if (c.name.equals(content)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Why a registration of {@code content} from {@code source} at {@code now} is refused, in the
     * order of IDX-REG-6 as far as this peer decides: owner (SEC-2, SEC-5), duplicate (IDX-REG-3),
     * contents per peer (IDX-REG-5); null when it is not.
     */
    RegistrationOutcome refusal(String content, InetSocketAddress source, long now, long probeStandsNanos,
            int maxContents) {
        if (source != null && !source.equals(owner)) {
            return probed && now - probedAt <= probeStandsNanos
                    ? RegistrationOutcome.NAME_IN_USE : RegistrationOutcome.OWNER_UNCHECKED;
        }
        if (holds(content)) {
            return RegistrationOutcome.ALREADY_REGISTERED;
        }
        return contents.size() >= maxContents ? RegistrationOutcome.CONTENT_LIMIT : null;
    }

    /** What a removal took away, for the holder entries and the counts to follow. */
    record Removal(RemovalOutcome outcome, InetAddress host, List<Content> contents, boolean peerLeft)
            implements Serializable {
        static final Removal NOT_FOUND = new Removal(RemovalOutcome.NOT_FOUND, null, List.of(), false);
        static final Removal NOT_OWNER = new Removal(RemovalOutcome.NOT_OWNER, null, List.of(), false);
    }

    /**
     * Adds {@code content} to the peer, creating it when {@code newPeer}, after the checks of
     * {@link #refusal}. Returns null, changing nothing, when the peer appeared or left since the
     * caller looked, so that it reserves again for the peer as it now is.
     */
    record Add(Content content, String host, int port, InetSocketAddress source, long now, boolean newPeer,
            long probeStandsNanos, int maxContents)
            implements EntryProcessor<String, ClusterPeer, RegistrationOutcome> {
        @Override
        public RegistrationOutcome process(Map.Entry<String, ClusterPeer> entry) {
            ClusterPeer peer = entry.getValue();
            if ((peer == null) != newPeer) {
                return null;
            }
            if (peer == null) {
                peer = new ClusterPeer(entry.getKey(), source, content.sequence);
            } else {
                RegistrationOutcome refused = peer.refusal(content.name, source, now, probeStandsNanos, maxContents);
                if (refused != null) {
                    return refused;
                }
                if (!peer.isAt(host, port)) {
                    peer.probed = false; // IDX-REG-4; a probe of the old address says nothing of the new one
                }
            }
            peer.host = host;
            peer.port = port;
            peer.seenAt = now; // a registration shows the peer alive (SEC-7)
            peer.contents.add(content);
            entry.setValue(peer);
            return RegistrationOutcome.REGISTERED;
        }
    }

    /** Removes one content (IDX-DEREG-2); a peer left without content is forgotten (IDX-DEREG-4). SEC-3. */
    record Deregister(String content, InetSocketAddress source) implements EntryProcessor<String, ClusterPeer, Removal> {
        @Override
        public Removal process(Map.Entry<String, ClusterPeer> entry) {
            ClusterPeer peer = entry.getValue();
            if (peer != null && source != null && !source.equals(peer.owner)) {
                return Removal.NOT_OWNER;
            }
            Content removed = peer == null ? null : peer.find(content);
            if (removed == null) {
                return Removal.NOT_FOUND;
            }
            peer.contents.remove(removed);
            entry.setValue(peer.contents.isEmpty() ? null : peer);
            return new Removal(RemovalOutcome.REMOVED, peer.host(), List.of(removed), peer.contents.isEmpty());
        }
    }

    /** Removes the peer with all its contents (IDX-LEAVE-1), if {@code source} owns it (SEC-4). */
    record Leave(InetSocketAddress source) implements EntryProcessor<String, ClusterPeer, Removal> {
        @Override
        public Removal process(Map.Entry<String, ClusterPeer> entry) {
            ClusterPeer peer = entry.getValue();
            if (peer == null) {
                return Removal.NOT_FOUND;
            }
            if (source != null && !source.equals(peer.owner)) {
                return Removal.NOT_OWNER;
            }
            entry.setValue(null);
            return peer.removed();
        }
    }

    /**
     * Records a probe of the peer at {@code address} (SEC-5, SEC-7): alive, it is seen; dead, it is
     * removed and the removal returned. A peer that moved or left meanwhile is left as it is (null).
     */
    record Probed(String host, int port, boolean alive, long now) implements EntryProcessor<String, ClusterPeer, Removal> {
        @Override
        public Removal process(Map.Entry<String, ClusterPeer> entry) {
            ClusterPeer peer = entry.getValue();
            if (peer == null || !peer.isAt(host, port)) {
                return null;
            }
            if (!alive) {
                entry.setValue(null);
                return peer.removed();
            }
            peer.seenAt = now;
            peer.probedAt = now;
            peer.probed = true;
            entry.setValue(peer);
            return null;
        }
    }

    private Removal removed() {
        return new Removal(RemovalOutcome.REMOVED, host(), List.copyOf(contents), true);
    }

    /** The peer as {@link Registry#snapshot()} shows it, with each content's served count from {@code served}. */
    RegisteredPeer registered(ToLongFunction<Content> served) {
        List<RegisteredPeer.Content> shown = new ArrayList<>(contents.size());
        for (Content c : contents) {
            shown.add(new RegisteredPeer.Content(ContentName.of(c.name), served.applyAsLong(c)));
        }
        return new RegisteredPeer(PeerName.of(name), address(), shown);
    }
}
