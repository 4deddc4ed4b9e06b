package org.p2pkit.index;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    /**
     * The source of the registration that made the peer known: the name's owner (SEC-1); null for a
     * peer registered in process, which no datagram source owns.
     */
    final InetSocketAddress owner;
    /** A search that picks this peer names it (IDX-SEARCH-3); its hit is also the peer's identity at its current address. */
    Choice.Named named;
    /** A search that picks this peer while it is unchecked probes it first (SEC-7). */
    Choice.ProbeFirst probeFirst;
    /** When the peer last registered or passed a probe, in {@link System#nanoTime()} (SEC-7). */
    long seenAt;
    /** When the peer last passed a probe at its current address, if {@link #probed} (SEC-5). */
    long probedAt;
    boolean probed;
    /** The peer's registrations in registration order (IDX-LIST-6). */
    final List<Holding> holdings = new ArrayList<>();
    final Map<ContentName, Holding> byContent = new HashMap<>();
    /** The peer's place in the {@link ListOrder}. */
    int slot = -1;

    PeerRecord(PeerName name, PeerAddress address, InetSocketAddress owner) {
        this.name = name;
        this.owner = owner;
        at(address);
    }

    SearchHit hit() {
        return named.hit();
    }

    /** Whether a request from {@code source} may act for this peer; in-process requests (null) always may. */
    boolean ownedBy(InetSocketAddress source) {
        return source == null || source.equals(owner);
    }

    /** The source host whose quota this peer counts against (SEC-8); null for none. */
    InetAddress host() {
        return owner == null ? null : owner.getAddress();
    }

    /**
     * Latest registration wins (IDX-REG-4); a probe of the old address says nothing of the new one.
     *
     * @return whether the address changed, and with it what a search names for each holding
     */
    boolean moveTo(PeerAddress address) {
        if (hit().address().equals(address)) {
            return false;
        }
        at(address);
        probed = false;
        holdings.forEach(Holding::peerMoved);
        return true;
    }

    private void at(PeerAddress address) {
        SearchHit hit = new SearchHit(name, address);
        named = new Choice.Named(hit);
        probeFirst = new Choice.ProbeFirst(hit);
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
