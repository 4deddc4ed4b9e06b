package org.p2pkit.index;

import java.util.List;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/**
 * A peer as the registry holds it, for inspection: its address and its contents in registration
 * order with their served counts (spec IDX-REG-4, IDX-SEARCH-4, IDX-LIST-6).
 */
public record RegisteredPeer(PeerName peer, PeerAddress address, List<Content> contents) {
    public RegisteredPeer {
        contents = List.copyOf(contents);
    }

    /** One registered content of the peer and how many search hits named it. */
    public record Content(ContentName content, long served) {
    }
}
