package org.p2pkit.index;

import java.util.Optional;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.SearchHit;

/** One registration (peer, content) with its stamp; guarded by the registry's lock. */
final class Holding {
    final PeerRecord peer;
    final ContentName content;
    /** When it was registered, in registration order across the whole index. */
    final long sequence;
    /** The stamp the registration carried, kept as it came (EXT-5, EXT-7). */
    final Optional<ContentStamp> stamp;
    /** Its id in the {@link HolderTable}, and its slot in its content's {@link HolderHeap}, which keeps its served-download count. */
    int id = -1;
    int slot = -1;

    /**
     * What a search that picks this registration names: the peer's hit, with the stamp when the
     * registration has one (EXT-6). Kept here so that a search does not read the peer, and made
     * again only when the peer moves, so that searches allocate nothing.
     */
    private Choice.Named named;

    Holding(PeerRecord peer, ContentName content, long sequence, Optional<ContentStamp> stamp) {
        this.peer = peer;
        this.content = content;
        this.sequence = sequence;
        this.stamp = stamp;
        peerMoved();
    }

    Choice.Named named() {
        return named;
    }

    /** Names the peer at its current address (IDX-REG-4). */
    void peerMoved() {
        named = stamp.isEmpty() ? peer.named : new Choice.Named(new SearchHit(peer.name, peer.hit().address(), stamp));
    }
}
