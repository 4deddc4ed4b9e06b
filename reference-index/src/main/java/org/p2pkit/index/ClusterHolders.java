package org.p2pkit.index;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The holders of one content as the cluster keeps them, the value of its entry in the holders map
 * (keyed by content name), each with its registration sequence and served count. The search rule's
 * choice and its count change together in one entry processor, run on the member that owns the
 * content's partition (IDX-SEARCH-2, IDX-SEARCH-4, CLUSTER-3). A content has few holders, so the
 * choice scans them.
 */
final class ClusterHolders implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One holder of the content. */
    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final ClusterPeer.Content content;
        final String peer;
        long served;

        Holder(String peer, ClusterPeer.Content content) {
            this.peer = peer;
            this.content = content;
        }
    }

    /** The holder a search names, and whether this search counted it. */
    record Pick(String peer, ClusterPeer.Content content, boolean counted) implements Serializable {
    }

    private final List<Holder> holders = new ArrayList<>();

    /** Fewest served downloads, then the oldest registration (IDX-SEARCH-2); null when there is none. */
    private Holder first() {
        Holder first = null;
        for (Holder h : holders) {
            if (first == null || h.served < first.served
                    || h.served == first.served && h.content.sequence() < first.content.sequence()) {
                first = h;
            }
        }
        return first;
    }

    private Holder find(String peer) {
        for (Holder h : holders) {
            if (h.peer.equals(peer)) {
                return h;
            }
        }
        return null;
    }

    /** Served downloads of {@code peer}'s registration; 0 when it has none here. */
    long served(String peer) {
        Holder h = find(peer);
        return h == null ? 0 : h.served;
    }

    /** Adds {@code peer} as a holder; nothing when it is one already, so that a retried or repeated add changes nothing. */
    record Add(String peer, ClusterPeer.Content content) implements EntryProcessor<String, ClusterHolders, Void> {
        @Override
        public Void process(Map.Entry<String, ClusterHolders> entry) {
            ClusterHolders all = entry.getValue() == null ? new ClusterHolders() : entry.getValue();
            if (all.find(peer) == null) {
                all.holders.add(new Holder(peer, content));
                entry.setValue(all);
            }
            return null;
        }
    }

    /** Removes {@code peer} as a holder; the entry goes with its last holder. */
    record Remove(String peer) implements EntryProcessor<String, ClusterHolders, Void> {
        @Override
        public Void process(Map.Entry<String, ClusterHolders> entry) {
            ClusterHolders all = entry.getValue();
            Holder h = all == null ? null : all.find(peer);
            if (h != null) {
                all.holders.remove(h);
                entry.setValue(all.holders.isEmpty() ? null : all);
            }
            return null;
        }
    }

    /** The holder the search rule picks, not counted; null when there is none. */
    record First() implements EntryProcessor<String, ClusterHolders, Pick>, ReadOnly {
        @Override
        public Pick process(Map.Entry<String, ClusterHolders> entry) {
            Holder first = entry.getValue() == null ? null : entry.getValue().first();
            return first == null ? null : new Pick(first.peer, first.content, false);
        }
    }

    /**
     * The holder the search rule picks, counted as having served one more download if it is
     * {@code onlyIf} (or whoever it is, when {@code onlyIf} is null); null when there is none.
     */
    record Serve(String onlyIf) implements EntryProcessor<String, ClusterHolders, Pick> {
        @Override
        public Pick process(Map.Entry<String, ClusterHolders> entry) {
            ClusterHolders all = entry.getValue();
            Holder first = all == null ? null : all.first();
            if (first == null) {
                return null;
            }
            if (onlyIf != null && !onlyIf.equals(first.peer)) {
                return new Pick(first.peer, first.content, false);
            }
            first.served++;
            entry.setValue(all);
            return new Pick(first.peer, first.content, true);
        }
    }
}
