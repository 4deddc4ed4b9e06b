package org.p2pkit.conformance.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.cases.Expectation;

/**
 * An executable model of the index of spec/PROTOCOL.md section 5, with the parts of section 9 that
 * change replies, written from the spec alone: fed the requests a target gets, it says what the
 * target must answer. Its registry is the spec's own: peers in the order they entered, each with
 * an owner (the simulated peer whose socket registered the name, SEC-1), an address and its
 * registrations, each with a served count and a registration order.
 *
 * <p>Where the spec leaves a choice open or depends on the world, the model decides so:
 * <ul>
 *   <li>Every announced address is a content server that is up for the whole session (SEC-5's
 *       probe of an owner and SEC-7's probe of a holder always succeed), so no peer is ever
 *       forgotten for being dead, and an R under a name owned by another source is refused (SEC-2).</li>
 *   <li>Each simulated peer sends from a host of its own and announces the server on that host,
 *       so an R with another peer's address names another host than the sender's (SEC-6).</li>
 *   <li>The index forgets a peer whose last registration is removed (IDX-DEREG-4, a SHOULD that
 *       the reference follows), so a known peer without contents is never listed.</li>
 *   <li>No limit of LIMIT-1 or SEC-8 is reached and no reply rate of SEC-9: the session's names
 *       and pace stay far below the reference values.</li>
 * </ul>
 */
final class IndexModel {
    /** Content slots of one O entry (IDX-LIST-2) and entries of one list reply (IDX-LIST-4). */
    static final int SLOTS = 8;
    static final int PAGE = 10;
    static final String DUPLICATE = "File already exist for the peer, did not register file again!";
    static final String NOT_FOUND = "File not found!";
    static final String NAME_IN_USE = "Peer name in use from another address";
    static final String NOT_SENDERS_HOST = "Address is not the sender's host";

    private static final class Peer {
        final int owner;
        final int address;
        final List<Registration> registrations = new ArrayList<>();

        Peer(int owner, int address) {
            this.owner = owner;
            this.address = address;
        }
    }

    private static final class Registration {
        final String content;
        final long order;
        int served;

        Registration(String content, long order) {
            this.content = content;
            this.order = order;
        }
    }

    /** In the order the peers entered the index (IDX-LIST-6): a peer that leaves and comes back enters anew. */
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private long registrationOrder;

    Expected apply(Action action) {
        if (action instanceof Action.Register r) {
            return register(r);
        } else if (action instanceof Action.Search s) {
            return search(s.content());
        } else if (action instanceof Action.Deregister d) {
            return deregister(d);
        } else if (action instanceof Action.Leave l) {
            return leave(l);
        } else if (action instanceof Action.ListPage l) {
            return list(l.start());
        }
        Malformation kind = ((Action.Malformed) action).kind();
        return kind.reply() == null ? Expected.silence(kind.requirements())
                : new Expected(List.of(Expected.errorStartingWith(kind.reply())), kind.requirements());
    }

    /** IDX-REG-6: the address, then the owner, then duplicates; the limits are never reached. */
    private Expected register(Action.Register r) {
        if (r.addressOf() != r.actor()) {
            return Expected.reply(Expected.error(NOT_SENDERS_HOST), "SEC-6", "IDX-REG-6");
        }
        Peer peer = peers.get(r.peer());
        if (peer != null && peer.owner != r.actor()) {
            return Expected.reply(Expected.error(NAME_IN_USE), "SEC-2", "SEC-5", "IDX-REG-6");
        }
        if (peer != null && peer.registrations.stream().anyMatch(g -> g.content.equals(r.content()))) {
            return Expected.reply(Expected.error(DUPLICATE), "IDX-REG-3");
        }
        if (peer == null) {
            peer = new Peer(r.actor(), r.addressOf());
            peers.put(r.peer(), peer);
        }
        peer.registrations.add(new Registration(r.content(), registrationOrder++));
        return Expected.reply(Expected.acknowledgement(), "IDX-REG-2", "SEC-1");
    }

    /** IDX-SEARCH-2: the fewest served, then the earliest registration; the asker is a candidate too. */
    private Expected search(String content) {
        String chosen = null;
        Registration best = null;
        Comparator<Registration> rule = Comparator.<Registration>comparingInt(g -> g.served).thenComparingLong(g -> g.order);
        for (Map.Entry<String, Peer> peer : peers.entrySet()) {
            for (Registration g : peer.getValue().registrations) {
                if (g.content.equals(content) && (best == null || rule.compare(g, best) < 0)) {
                    best = g;
                    chosen = peer.getKey();
                }
            }
        }
        if (best == null) {
            return Expected.reply(Expected.error(NOT_FOUND), "IDX-SEARCH-5");
        }
        best.served++;
        return Expected.reply(Expected.hit(chosen, SimulatedPeers.role(peers.get(chosen).address)),
                "IDX-SEARCH-2", "IDX-SEARCH-3", "IDX-SEARCH-4");
    }

    private Expected deregister(Action.Deregister d) {
        Peer peer = peers.get(d.peer());
        if (peer != null && peer.owner != d.actor()) {
            return Expected.reply(Expected.error(NOT_FOUND), "SEC-3");
        }
        if (peer == null || !peer.registrations.removeIf(g -> g.content.equals(d.content()))) {
            return Expected.reply(Expected.error(NOT_FOUND), "IDX-DEREG-3");
        }
        if (peer.registrations.isEmpty()) {
            peers.remove(d.peer()); // IDX-DEREG-4
        }
        return Expected.reply(Expected.acknowledgement(), "IDX-DEREG-2", "IDX-DEREG-4");
    }

    private Expected leave(Action.Leave l) {
        Peer peer = peers.get(l.peer());
        if (peer != null && peer.owner != l.actor()) {
            return Expected.silence(List.of("SEC-4", "IDX-LEAVE-2"));
        }
        peers.remove(l.peer());
        return Expected.silence(List.of("IDX-LEAVE-1", "IDX-LEAVE-2"));
    }

    /** IDX-LIST-8: the entries from {@code start} on, at most a page, then the end marker. */
    private Expected list(int start) {
        List<Expectation.Pdu> entries = entries();
        List<Expectation.Pdu> replies = new ArrayList<>();
        int end = (int) Math.min((long) start + PAGE, entries.size());
        if (start < entries.size()) {
            replies.addAll(entries.subList(start, end));
        }
        replies.add(Expected.listEnd(end < entries.size() ? end : 0));
        return new Expected(replies, List.of("IDX-LIST-2", "IDX-LIST-3", "IDX-LIST-4", "IDX-LIST-5", "IDX-LIST-6", "IDX-LIST-8"));
    }

    /** The whole list: each peer in entry order, its contents in registration order, 8 to an entry (IDX-LIST-2, IDX-LIST-6). */
    private List<Expectation.Pdu> entries() {
        List<Expectation.Pdu> entries = new ArrayList<>();
        peers.forEach((name, peer) -> {
            List<String> contents = peer.registrations.stream().map(g -> g.content).toList();
            for (int i = 0; i < contents.size(); i += SLOTS) {
                entries.add(Expected.entry(name, contents.subList(i, Math.min(contents.size(), i + SLOTS))));
            }
        });
        return entries;
    }

    /** The contents a peer holds now, in registration order. */
    List<String> contentsOf(String peer) {
        Peer p = peers.get(peer);
        return p == null ? List.of() : p.registrations.stream().map(g -> g.content).toList();
    }

    /** The owner of a peer name, or -1 when no peer has it. */
    int ownerOf(String peer) {
        Peer p = peers.get(peer);
        return p == null ? -1 : p.owner;
    }

    /** The peer names known now, in entry order. */
    List<String> peers() {
        return List.copyOf(peers.keySet());
    }

    int registrations() {
        return peers.values().stream().mapToInt(p -> p.registrations.size()).sum();
    }

    int listEntries() {
        return peers.values().stream().mapToInt(p -> (p.registrations.size() + SLOTS - 1) / SLOTS).sum();
    }

    /** Distinct contents held now. */
    long contents() {
        return peers.values().stream().flatMap(p -> p.registrations.stream()).map(g -> g.content).distinct().count();
    }
}
