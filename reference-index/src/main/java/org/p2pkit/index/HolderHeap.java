package org.p2pkit.index;

import java.util.Arrays;

/**
 * The holders of one content, a binary min-heap in one array ordered by (served count,
 * registration sequence): the search rule's choice is always at the root (IDX-SEARCH-2). Each
 * holding knows its place, so counting a download and removing a holder are O(log holders) and
 * touch one array, not a tree of nodes: at a million registrations the nodes were cache misses.
 * Guarded by the registry's lock.
 */
final class HolderHeap {
    private Holding[] heap = new Holding[4];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void add(Holding holding) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        place(holding, size++);
        siftUp(holding.heapIndex);
    }

    /** The holder the search rule picks, not counted; requires a holder. */
    Holding first() {
        return heap[0];
    }

    /** The holder the search rule picks, now counted as having served one more download (IDX-SEARCH-4). */
    Holding serveNext() {
        Holding chosen = heap[0];
        chosen.served++;
        siftDown(0);
        return chosen;
    }

    void remove(Holding holding) {
        int at = holding.heapIndex;
        Holding last = heap[--size];
        heap[size] = null;
        holding.heapIndex = -1;
        if (last != holding) {
            place(last, at);
            siftDown(at);
            siftUp(last.heapIndex);
        }
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(heap[at], heap[parent])) {
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
            int first = left + 1 < size && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[first], heap[at])) {
                return;
            }
            swap(at, first);
            at = first;
        }
    }

    /** Fewest served downloads first, then the oldest registration; sequences are unique. */
    private static boolean before(Holding a, Holding b) {
        return a.served != b.served ? a.served < b.served : a.sequence < b.sequence;
    }

    private void swap(int i, int j) {
        Holding a = heap[i];
        place(heap[j], i);
        place(a, j);
    }

    private void place(Holding holding, int at) {
        heap[at] = holding;
        holding.heapIndex = at;
    }
}
