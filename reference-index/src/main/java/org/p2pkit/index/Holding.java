package org.p2pkit.index;

import java.util.Optional;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.SearchHit;

/** One registration (peer, content) with its stamp and served-download count; guarded by the registry's lock. */
final class Holding {
    final PeerRecord peer;
    final ContentName content;
    /** When it was registered, in registration order across the whole index. */
    final long sequence;
    /** The stamp the registration carried, kept as it came (EXT-5, EXT-7). */
    final Optional<ContentStamp> stamp;
    /** Search hits that named this registration (IDX-SEARCH-4); only {@link HolderHeap} changes it. */
    long served;
    /** Where it sits in its content's {@link HolderHeap}. */
    int heapIndex = -1;

    /** The stamped choice and the peer's choice it was made from: it is made again only after the peer moves. */
    private Choice.Named stamped;
    private Choice.Named stampedFrom;

    Holding(PeerRecord peer, ContentName content, long sequence, Optional<ContentStamp> stamp) {
        this.peer = peer;
        this.content = content;
        this.sequence = sequence;
        this.stamp = stamp;
    }

    /**
     * What a search that picks this registration names: the peer's hit, with the stamp when the
     * registration has one (EXT-6). Searches allocate nothing but after a move of the peer.
     */
    Choice.Named named() {
        if (stamp.isEmpty()) {
            return peer.named;
        }
        if (stampedFrom != peer.named) {
            stampedFrom = peer.named;
            stamped = new Choice.Named(new SearchHit(peer.name, peer.hit().address(), stamp));
        }
        return stamped;
    }
}
