package org.p2pkit.index;

import java.util.Comparator;
import org.p2pkit.model.ContentName;

/** One registration (peer, content) with its served-download count; guarded by the registry's lock. */
final class Holding {
    /**
     * Search order among the holders of one content: fewest served downloads first, then the
     * oldest registration (IDX-SEARCH-2). Sequences are unique, so the order is total.
     */
    static final Comparator<Holding> SEARCH_ORDER =
            Comparator.comparingLong((Holding h) -> h.served).thenComparingLong(h -> h.sequence);

    final PeerRecord peer;
    final ContentName content;
    /** When it was registered, in registration order across the whole index. */
    final long sequence;
    /** Search hits that named this registration (IDX-SEARCH-4). Change only while out of the holders' set. */
    long served;

    Holding(PeerRecord peer, ContentName content, long sequence) {
        this.peer = peer;
        this.content = content;
        this.sequence = sequence;
    }
}
