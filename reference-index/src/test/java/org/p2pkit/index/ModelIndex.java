package org.p2pkit.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * The simplest index that follows the spec: plain lists scanned on every request. The registry
 * must behave exactly like it (section 5, IDX-*), only faster.
 */
final class ModelIndex {
    private static final class Row {
        final PeerName peer;
        final ContentName content;
        long served;

        Row(PeerName peer, ContentName content) {
            this.peer = peer;
            this.content = content;
        }
    }

    private final IndexLimits limits;
    /** Every registration, oldest first. */
    private final List<Row> rows = new ArrayList<>();
    /** Present peers in the order of their first registration (IDX-LIST-6). */
    private final List<PeerName> peers = new ArrayList<>();
    private final Map<PeerName, PeerAddress> addresses = new HashMap<>();

    ModelIndex(IndexLimits limits) {
        this.limits = limits;
    }

    RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address) {
        if (rows.stream().anyMatch(r -> r.peer.equals(peer) && r.content.equals(content))) {
            return RegistrationOutcome.ALREADY_REGISTERED;
        }
        boolean known = peers.contains(peer);
        if (!known && peers.size() >= limits.maxPeers()) {
            return RegistrationOutcome.PEER_LIMIT;
        }
        if (known && rows.stream().filter(r -> r.peer.equals(peer)).count() >= limits.maxContentsPerPeer()) {
            return RegistrationOutcome.CONTENT_LIMIT;
        }
        if (rows.size() >= limits.maxRegistrations()) {
            return RegistrationOutcome.REGISTRATION_LIMIT;
        }
        if (!known) {
            peers.add(peer);
        }
        addresses.put(peer, address);
        rows.add(new Row(peer, content));
        return RegistrationOutcome.REGISTERED;
    }

    SearchHit search(ContentName content) {
        Row best = null;
        for (Row row : rows) { // oldest first, so a strict < keeps the oldest on a tie
            if (row.content.equals(content) && (best == null || row.served < best.served)) {
                best = row;
            }
        }
        if (best == null) {
            return null;
        }
        best.served++;
        return new SearchHit(best.peer, addresses.get(best.peer));
    }

    boolean deregister(PeerName peer, ContentName content) {
        boolean removed = rows.removeIf(r -> r.peer.equals(peer) && r.content.equals(content));
        if (removed && rows.stream().noneMatch(r -> r.peer.equals(peer))) {
            forget(peer);
        }
        return removed;
    }

    boolean removePeer(PeerName peer) {
        rows.removeIf(r -> r.peer.equals(peer));
        return forget(peer);
    }

    private boolean forget(PeerName peer) {
        addresses.remove(peer);
        return peers.remove(peer);
    }

    ListPage list(int start, int maxEntries) {
        List<ListEntry> all = new ArrayList<>();
        for (RegisteredPeer p : snapshot()) {
            List<ContentName> names = p.contents().stream().map(RegisteredPeer.Content::content).toList();
            for (int from = 0; from < names.size(); from += ListEntry.MAX_CONTENTS) {
                all.add(new ListEntry(p.peer(), names.subList(from, Math.min(from + ListEntry.MAX_CONTENTS, names.size()))));
            }
        }
        int from = Math.min(start, all.size());
        int to = Math.min(all.size(), from + maxEntries);
        return new ListPage(all.subList(from, to), to < all.size() ? new ListEnd(to) : ListEnd.COMPLETE);
    }

    List<RegisteredPeer> snapshot() {
        List<RegisteredPeer> result = new ArrayList<>();
        for (PeerName peer : peers) {
            List<RegisteredPeer.Content> contents = new ArrayList<>();
            for (Row row : rows) {
                if (row.peer.equals(peer)) {
                    contents.add(new RegisteredPeer.Content(row.content, row.served));
                }
            }
            result.add(new RegisteredPeer(peer, addresses.get(peer), contents));
        }
        return result;
    }
}
