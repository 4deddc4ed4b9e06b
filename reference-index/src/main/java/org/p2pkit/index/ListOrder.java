package org.p2pkit.index;

/**
 * The peers in the order of their first registration, each weighted by the number of list
 * entries it takes, so that the peer holding list entry {@code n} is found in O(log peers)
 * rather than by walking the list from its start (spec IDX-LIST-5, IDX-LIST-6).
 *
 * <p>A Fenwick tree over slots: a new peer takes the next slot, a removed peer leaves a hole of
 * weight 0, and the live slots are compacted when the slots run out (amortized O(1) per peer).
 * Not thread-safe: the registry's lock guards it.
 */
final class ListOrder {
    /** List entry {@code n} is entry {@code entry} (0-based) of {@code peer}. */
    record Position(PeerRecord peer, int entry) {
    }

    private static final int MIN_CAPACITY = 16;

    private PeerRecord[] peers = new PeerRecord[MIN_CAPACITY];
    private int[] weights = new int[MIN_CAPACITY];
    private int[] tree = new int[MIN_CAPACITY + 1]; // 1-based Fenwick tree over the slots
    private int used;
    private int live;
    private int total;

    /** Appends a peer after all others, taking {@code weight} entries. */
    void add(PeerRecord peer, int weight) {
        if (used == peers.length) {
            compact();
        }
        int slot = used++;
        peers[slot] = peer;
        peer.slot = slot;
        live++;
        change(slot, weight);
    }

    void setWeight(PeerRecord peer, int weight) {
        change(peer.slot, weight - weights[peer.slot]);
    }

    void remove(PeerRecord peer) {
        int slot = peer.slot;
        change(slot, -weights[slot]);
        peers[slot] = null;
        peer.slot = -1;
        live--;
    }

    /** The number of list entries of all peers together. */
    int total() {
        return total;
    }

    /** Where list entry {@code n} lies; requires {@code 0 <= n < total()}. */
    Position locate(int n) {
        if (n < 0 || n >= total) {
            throw new IndexOutOfBoundsException("entry " + n + " of " + total);
        }
        // Find the longest prefix of slots whose weights add up to at most n; the slot just
        // after it holds entry n (holes have weight 0 and fall inside the prefix).
        int capacity = tree.length - 1;
        int position = 0;
        int remaining = n;
        for (int step = Integer.highestOneBit(capacity); step > 0; step >>= 1) {
            int next = position + step;
            if (next <= capacity && tree[next] <= remaining) {
                position = next;
                remaining -= tree[next];
            }
        }
        return new Position(peers[position], remaining);
    }

    private void change(int slot, int delta) {
        if (delta == 0) {
            return;
        }
        weights[slot] += delta;
        total += delta;
        for (int i = slot + 1; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }

    private void compact() {
        int capacity = Math.max(MIN_CAPACITY, live * 2);
        PeerRecord[] newPeers = new PeerRecord[capacity];
        int[] newWeights = new int[capacity];
        int n = 0;
        for (int slot = 0; slot < used; slot++) {
            if (peers[slot] != null) {
                newPeers[n] = peers[slot];
                newWeights[n] = weights[slot];
                newPeers[n].slot = n;
                n++;
            }
        }
        int[] newTree = new int[capacity + 1];
        for (int i = 1; i <= capacity; i++) {
            newTree[i] += newWeights[i - 1];
            int parent = i + (i & -i);
            if (parent <= capacity) {
                newTree[parent] += newTree[i];
            }
        }
        peers = newPeers;
        weights = newWeights;
        tree = newTree;
        used = n;
    }
}
