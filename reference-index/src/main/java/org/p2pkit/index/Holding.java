package org.p2pkit.index;

import org.p2pkit.model.ContentName;

/** One registration (peer, content) with its served-download count; guarded by the registry's lock. */
final class Holding {
    final PeerRecord peer;
    final ContentName content;
    /** When it was registered, in registration order across the whole index. */
    final long sequence;
    /** Search hits that named this registration (IDX-SEARCH-4); only {@link HolderHeap} changes it. */
    long served;
    /** Where it sits in its content's {@link HolderHeap}. */
    int heapIndex = -1;

    Holding(PeerRecord peer, ContentName content, long sequence) {
        this.peer = peer;
        this.content = content;
        this.sequence = sequence;
    }
}
