package org.p2pkit.index;

/**
 * The holders of one content in one {@code long[]}, its block: a binary min-heap ordered by
 * (served count, registration sequence), so that the search rule's choice is always at the root
 * (IDX-SEARCH-2); counting a download and removing a holder are O(log holders).
 *
 * <p>A search reads the content's key, the root and the entries it sifts down through, all in this
 * one array: with an object per heap, arrays beside it and the keys in the holdings, each step was
 * a cache miss, and at a million registrations the search cost ten times a map lookup.
 *
 * <p>Layout: the content's key ({@link ContentKeys}), the size, one entry per heap position (served
 * count, sequence, the holding's id and slot, and when its peer was last known to be seen), then the
 * heap position of each slot. Slots are dense ({@code 0..size-1}): a holding keeps its slot while its
 * entry moves through the heap, so that the positions a sift updates lie in this block. The seen
 * time is a copy, never later than the peer's own (SEC-7): a search that finds it recent
 * enough need not read the peer. Guarded by the registry's lock.
 */
final class HolderHeap {
    static final int KEY = 0;
    private static final int SIZE = 1;
    private static final int HEAD = 2;
    private static final int ENTRY = 4;
    private static final int SERVED = 0;
    private static final int SEQUENCE = 1;
    /** The holding's id in the high half, its slot in the low half. */
    private static final int HOLDING = 2;
    private static final int SEEN = 3;

    private HolderHeap() {
    }

    /** An empty block for {@code key} with room for {@code capacity} holders. */
    static long[] create(long key, int capacity) {
        long[] block = new long[HEAD + (ENTRY + 1) * capacity];
        block[KEY] = key;
        return block;
    }

    static int size(long[] block) {
        return (int) block[SIZE];
    }

    static int capacity(long[] block) {
        return (block.length - HEAD) / (ENTRY + 1);
    }

    /** A copy of {@code block} with room for {@code capacity} (at least its size) holders. */
    static long[] resized(long[] block, int capacity) {
        long[] copy = create(block[KEY], capacity);
        int size = size(block);
        copy[SIZE] = size;
        System.arraycopy(block, HEAD, copy, HEAD, ENTRY * size);
        System.arraycopy(block, positions(block), copy, positions(copy), size);
        return copy;
    }

    /** Adds holding {@code id} in the next slot, which it returns; requires room. */
    static int add(long[] block, int id, long sequence, long served, long seen) {
        int slot = size(block);
        block[SIZE] = slot + 1;
        int entry = entry(slot);
        block[entry + SERVED] = served;
        block[entry + SEQUENCE] = sequence;
        block[entry + HOLDING] = (long) id << 32 | slot;
        block[entry + SEEN] = seen;
        block[positions(block) + slot] = slot;
        siftUp(block, slot);
        return slot;
    }

    /** The id of the holding the search rule picks; requires a holder. */
    static int first(long[] block) {
        return (int) (block[entry(0) + HOLDING] >>> 32);
    }

    /** When the first holder's peer was last known to be seen. */
    static long firstSeen(long[] block) {
        return block[entry(0) + SEEN];
    }

    static void setFirstSeen(long[] block, long seen) {
        block[entry(0) + SEEN] = seen;
    }

    /** Counts one more download for the first holder (IDX-SEARCH-4) and restores the order. */
    static void serveFirst(long[] block) {
        block[entry(0) + SERVED]++;
        siftDown(block, 0);
    }

    /** Search hits that named the holder in {@code slot} (IDX-SEARCH-4). */
    static long served(long[] block, int slot) {
        return block[entry(position(block, slot)) + SERVED];
    }

    /**
     * Removes the holder in {@code slot}; the holder in the last slot, if another, takes its slot
     * (so that slots stay dense), and its id is returned; otherwise -1.
     */
    static int remove(long[] block, int slot) {
        int at = position(block, slot);
        int last = size(block) - 1;
        block[SIZE] = last;
        if (at != last) {
            int moved = slotAt(block, last);
            System.arraycopy(block, entry(last), block, entry(at), ENTRY);
            block[positions(block) + moved] = at;
            siftDown(block, at);
            siftUp(block, position(block, moved));
        }
        if (slot == last) {
            return -1;
        }
        int lastAt = position(block, last);
        int entry = entry(lastAt);
        block[entry + HOLDING] = block[entry + HOLDING] & ~0xFFFF_FFFFL | slot;
        block[positions(block) + slot] = lastAt;
        return (int) (block[entry + HOLDING] >>> 32);
    }

    private static void siftUp(long[] block, int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(block, at, parent)) {
                return;
            }
            swap(block, at, parent);
            at = parent;
        }
    }

    private static void siftDown(long[] block, int at) {
        int size = size(block);
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                return;
            }
            int first = left + 1 < size && before(block, left + 1, left) ? left + 1 : left;
            if (!before(block, first, at)) {
                return;
            }
            swap(block, at, first);
            at = first;
        }
    }

    /** Fewest served downloads first, then the oldest registration; sequences are unique. */
    private static boolean before(long[] block, int a, int b) {
        int ea = entry(a);
        int eb = entry(b);
        long servedA = block[ea + SERVED];
        long servedB = block[eb + SERVED];
        return servedA != servedB ? servedA < servedB : block[ea + SEQUENCE] < block[eb + SEQUENCE];
    }

    private static void swap(long[] block, int i, int j) {
        int ei = entry(i);
        int ej = entry(j);
        for (int k = 0; k < ENTRY; k++) {
            long v = block[ei + k];
            block[ei + k] = block[ej + k];
            block[ej + k] = v;
        }
        int positions = positions(block);
        block[positions + (int) block[ei + HOLDING]] = i;
        block[positions + (int) block[ej + HOLDING]] = j;
    }

    /** The slot of the entry at heap position {@code at}. */
    private static int slotAt(long[] block, int at) {
        return (int) block[entry(at) + HOLDING];
    }

    private static int position(long[] block, int slot) {
        return (int) block[positions(block) + slot];
    }

    private static int positions(long[] block) {
        return HEAD + ENTRY * capacity(block);
    }

    private static int entry(int position) {
        return HEAD + ENTRY * position;
    }
}
