package org.p2pkit.index;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.SearchHit;

/**
 * The holders of every content: an open-addressing table (linear probing) of {@link HolderHeap}
 * blocks found by their content's key ({@link ContentKeys}), and, by holding id, what a search
 * that picks the holding names. A search reads a table slot, the content's block and one name:
 * at a million registrations that is one memory access beyond the table, where a map of heap
 * objects took several.
 *
 * <p>Positions come from the key mixed with a seed drawn per table, so that names chosen to collide
 * in one index do not collide in another (a remote party chooses the names). Guarded by the
 * registry's lock.
 */
final class HolderTable {
    private static final int MIN_CAPACITY = 16;

    private final long seed;
    private long[][] blocks = new long[MIN_CAPACITY][];
    private int contents;
    /** By holding id: the holding, and what a search that picks it names. */
    private Holding[] holdings = new Holding[MIN_CAPACITY];
    private Choice.Named[] named = new Choice.Named[MIN_CAPACITY];
    /** Ids given back, reused first; ids below {@code nextId} are taken or free. */
    private int[] free = new int[MIN_CAPACITY];
    private int freeCount;
    private int nextId;

    HolderTable() {
        this(new SplittableRandom().nextLong());
    }

    /** A table whose positions follow from {@code seed}, for tests that replay a case. */
    HolderTable(long seed) {
        this.seed = seed;
    }

    /** Adds {@code holding} with {@code served} downloads counted for it (IDX-SEARCH-4). */
    void add(Holding holding, long served) {
        long key = ContentKeys.of(holding.content);
        int at = find(key);
        if (at < 0) {
            at = insert(HolderHeap.create(key, 1));
        }
        long[] block = blocks[at];
        if (HolderHeap.size(block) == HolderHeap.capacity(block)) {
            block = HolderHeap.resized(block, 2 * HolderHeap.capacity(block));
            blocks[at] = block;
        }
        int id = takeId();
        holding.id = id;
        holdings[id] = holding;
        renamed(holding);
        holding.slot = HolderHeap.add(block, id, holding.sequence, served, holding.peer.seenAt);
    }

    /** Removes {@code holding}; the content goes when its last holder does. */
    void remove(Holding holding) {
        int at = find(holding);
        long[] block = blocks[at];
        int moved = HolderHeap.remove(block, holding.slot);
        if (moved >= 0) {
            holdings[moved].slot = holding.slot;
        }
        giveBack(holding.id);
        holding.id = -1;
        holding.slot = -1;
        int size = HolderHeap.size(block);
        if (size == 0) {
            delete(at);
        } else if (size <= HolderHeap.capacity(block) / 4) {
            // give back the room of holders that left, so that a content's peak does not stay
            blocks[at] = HolderHeap.resized(block, HolderHeap.capacity(block) / 2);
        }
    }

    /** What a search that picks {@code holding} names, after its peer moved (IDX-REG-4). */
    void renamed(Holding holding) {
        named[holding.id] = holding.named();
    }

    /** The holder the rule picks, counted (IDX-SEARCH-2, IDX-SEARCH-4); null when nobody holds it. */
    SearchHit serveFirst(ContentName content) {
        int at = find(ContentKeys.of(content));
        if (at < 0) {
            return null;
        }
        long[] block = blocks[at];
        int first = HolderHeap.first(block);
        HolderHeap.serveFirst(block);
        return named[first].hit();
    }

    /**
     * The holder the rule picks, named and counted only if its peer was seen within
     * {@code seenStands} before {@code now}; otherwise to be probed first (SEC-7).
     */
    Choice choose(ContentName content, long now, long seenStands) {
        int at = find(ContentKeys.of(content));
        if (at < 0) {
            return Choice.Nobody.NOBODY;
        }
        long[] block = blocks[at];
        int first = HolderHeap.first(block);
        if (now - HolderHeap.firstSeen(block) > seenStands) {
            PeerRecord peer = holdings[first].peer;
            HolderHeap.setFirstSeen(block, peer.seenAt);
            if (now - peer.seenAt > seenStands) {
                return peer.probeFirst;
            }
        }
        HolderHeap.serveFirst(block);
        return named[first];
    }

    /** Search hits that named {@code holding} (IDX-SEARCH-4). */
    long served(Holding holding) {
        return HolderHeap.served(blocks[find(holding)], holding.slot);
    }

    private int takeId() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (nextId == holdings.length) {
            int capacity = 2 * nextId;
            holdings = Arrays.copyOf(holdings, capacity);
            named = Arrays.copyOf(named, capacity);
            free = Arrays.copyOf(free, capacity);
        }
        return nextId++;
    }

    private void giveBack(int id) {
        holdings[id] = null;
        named[id] = null;
        free[freeCount++] = id;
    }

    /** The table slot of the content of {@code holding}, which is there. */
    private int find(Holding holding) {
        return find(ContentKeys.of(holding.content));
    }

    /** The table slot of {@code key}, or -1. */
    private int find(long key) {
        int mask = blocks.length - 1;
        for (int at = home(key, mask); ; at = (at + 1) & mask) {
            long[] block = blocks[at];
            if (block == null) {
                return -1;
            }
            if (block[HolderHeap.KEY] == key) {
                return at;
            }
        }
    }

    private int insert(long[] block) {
        if (2 * (contents + 1) > blocks.length) {
            long[][] old = blocks;
            blocks = new long[2 * old.length][];
            for (long[] moved : old) {
                if (moved != null) {
                    place(moved);
                }
            }
        }
        contents++;
        return place(block);
    }

    private int place(long[] block) {
        int mask = blocks.length - 1;
        int at = home(block[HolderHeap.KEY], mask);
        while (blocks[at] != null) {
            at = (at + 1) & mask;
        }
        blocks[at] = block;
        return at;
    }

    /** Empties slot {@code at}, moving back the blocks after it that probing would no longer reach. */
    private void delete(int at) {
        int mask = blocks.length - 1;
        int hole = at;
        for (int next = (at + 1) & mask; blocks[next] != null; next = (next + 1) & mask) {
            int home = home(blocks[next][HolderHeap.KEY], mask);
            // the block at next stays unless its home lies cyclically outside (hole, next]
            boolean reachable = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!reachable) {
                blocks[hole] = blocks[next];
                hole = next;
            }
        }
        blocks[hole] = null;
        contents--;
    }

    /** The splitmix64 finalizer of the seeded key: every key bit moves every position bit. */
    private int home(long key, int mask) {
        long z = key ^ seed;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (int) (z ^ (z >>> 31)) & mask;
    }
}
