package org.p2pkit.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/** A registered peer inside the {@link Registry}; guarded by the registry's lock. */
final class PeerRecord {
    final PeerName name;
    /** The peer's name and current address: the reply to a search that picks this peer (IDX-SEARCH-3). */
    SearchHit hit;
    /** The peer's registrations in registration order (IDX-LIST-6). */
    final List<Holding> holdings = new ArrayList<>();
    final Map<ContentName, Holding> byContent = new HashMap<>();
    /** The peer's place in the {@link ListOrder}. */
    int slot = -1;

    PeerRecord(PeerName name, PeerAddress address) {
        this.name = name;
        this.hit = new SearchHit(name, address);
    }

    /** Latest registration wins (IDX-REG-4). */
    void moveTo(PeerAddress address) {
        if (!hit.address().equals(address)) {
            hit = new SearchHit(name, address);
        }
    }

    /** The list entries this peer takes: 8 contents per entry (IDX-LIST-2). */
    int entries() {
        return (holdings.size() + ListEntry.MAX_CONTENTS - 1) / ListEntry.MAX_CONTENTS;
    }

    /** The peer's list entry number {@code entry} (0-based). */
    ListEntry entry(int entry) {
        int from = entry * ListEntry.MAX_CONTENTS;
        int to = Math.min(from + ListEntry.MAX_CONTENTS, holdings.size());
        List<ContentName> contents = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            contents.add(holdings.get(i).content);
        }
        return new ListEntry(name, contents);
    }
}
