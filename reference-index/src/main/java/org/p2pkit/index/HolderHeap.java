package org.p2pkit.index;

import java.util.Arrays;

/**
 * The holders of one content, a binary min-heap ordered by (served count, registration sequence):
 * the search rule's choice is always at the root (IDX-SEARCH-2). Counting a download and removing a
 * holder are O(log holders).
 *
 * <p>The heap holds slot numbers, and the keys and positions it compares and updates while sifting
 * live in primitive arrays of this content, so that a sift touches no {@link Holding}: with the
 * keys in the holdings, each step was a cache miss, and at a million registrations the search cost
 * ten times a map lookup. Slots are dense ({@code 0..size-1}); a holding knows its slot.
 * Guarded by the registry's lock.
 */
final class HolderHeap {
    /** By heap position p: the served count at 2p, the registration sequence at 2p+1. */
    private long[] keys = new long[8];
    /** By heap position: the slot of the holding there. */
    private int[] slotAt = new int[4];
    /** By slot: the holding, and its heap position. */
    private Holding[] holdings = new Holding[4];
    private int[] positionOf = new int[4];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void add(Holding holding) {
        if (size == slotAt.length) {
            grow();
        }
        int slot = size++;
        holdings[slot] = holding;
        holding.slot = slot;
        keys[2 * slot] = 0;
        keys[2 * slot + 1] = holding.sequence;
        place(slot, slot);
        siftUp(slot);
    }

    /** The holder the search rule picks, not counted; requires a holder. */
    Holding first() {
        return holdings[slotAt[0]];
    }

    /** The holder the search rule picks, now counted as having served one more download (IDX-SEARCH-4). */
    Holding serveNext() {
        Holding chosen = first();
        keys[0]++;
        siftDown(0);
        return chosen;
    }

    /** Search hits that named {@code holding}, one of this content's holders (IDX-SEARCH-4). */
    long served(Holding holding) {
        return keys[2 * positionOf[holding.slot]];
    }

    /** Sets the served count of {@code holding}, one of this content's holders, and restores the heap order. */
    void setServed(Holding holding, long served) {
        int at = positionOf[holding.slot];
        keys[2 * at] = served;
        siftDown(at);
        siftUp(positionOf[holding.slot]);
    }

    void remove(Holding holding) {
        int slot = holding.slot;
        int at = positionOf[slot];
        int last = --size;
        if (at != last) {
            int lastInHeap = slotAt[last];
            moveKey(last, at);
            siftDown(at);
            siftUp(positionOf[lastInHeap]);
        }
        if (slot != last) {
            // the last slot fills the freed one, so that slots stay dense
            Holding moved = holdings[last];
            holdings[slot] = moved;
            moved.slot = slot;
            place(slot, positionOf[last]);
        }
        holdings[last] = null;
        holding.slot = -1;
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(at, parent)) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                return;
            }
            int first = left + 1 < size && before(left + 1, left) ? left + 1 : left;
            if (!before(first, at)) {
                return;
            }
            swap(at, first);
            at = first;
        }
    }

    /** Fewest served downloads first, then the oldest registration; sequences are unique. */
    private boolean before(int a, int b) {
        long servedA = keys[2 * a];
        long servedB = keys[2 * b];
        return servedA != servedB ? servedA < servedB : keys[2 * a + 1] < keys[2 * b + 1];
    }

    private void swap(int i, int j) {
        long served = keys[2 * i];
        long sequence = keys[2 * i + 1];
        int slot = slotAt[i];
        moveKey(j, i);
        keys[2 * j] = served;
        keys[2 * j + 1] = sequence;
        place(slot, j);
    }

    /** Moves the key and slot at heap position {@code from} to {@code to}. */
    private void moveKey(int from, int to) {
        keys[2 * to] = keys[2 * from];
        keys[2 * to + 1] = keys[2 * from + 1];
        place(slotAt[from], to);
    }

    private void place(int slot, int at) {
        slotAt[at] = slot;
        positionOf[slot] = at;
    }

    private void grow() {
        int capacity = 2 * slotAt.length;
        keys = Arrays.copyOf(keys, 2 * capacity);
        slotAt = Arrays.copyOf(slotAt, capacity);
        holdings = Arrays.copyOf(holdings, capacity);
        positionOf = Arrays.copyOf(positionOf, capacity);
    }
}
