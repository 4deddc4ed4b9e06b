package org.p2pkit.conformance.explore;

import java.util.List;
import java.util.Random;

/**
 * The random requests of an exploration: the same seed and the same model state give the same
 * request. Names collide on purpose: a few hot contents that many peers register, search and drop,
 * so that contents gain and lose holders; names of other peers now and then, so that ownership is
 * tried (SEC-2 to SEC-4); a few contents more than one list entry holds, so that entries split and
 * pages turn (IDX-LIST-2, IDX-LIST-5).
 */
final class ActionGenerator {
    /** Contents c1 to c12: the first three are hot. */
    private static final int CONTENTS = 12;
    private static final int HOT = 3;
    /** Names any peer may register, besides its own role name. */
    private static final List<String> SHARED_NAMES = List.of("q1", "q2");
    private static final Malformation[] MALFORMATIONS = Malformation.values();

    private final Random random;

    ActionGenerator(long seed) {
        this.random = new Random(seed);
    }

    Action next(IndexModel model) {
        int actor = random.nextInt(SimulatedPeers.COUNT);
        // Deregistrations grow with the registry, so it churns around a steady size instead of filling up.
        int register = 34;
        int search = 26;
        int deregister = 6 + model.registrations() / 2;
        int list = 10;
        int leave = 1;
        int bad = 4;
        int roll = random.nextInt(register + search + deregister + list + leave + bad);
        if ((roll -= register) < 0) {
            String peer = peerName(actor);
            int addressOf = random.nextInt(40) == 0 ? (actor + 1) % SimulatedPeers.COUNT : actor;
            return new Action.Register(actor, peer, random.nextBoolean() ? newContent(model.contentsOf(peer)) : content(), addressOf);
        }
        if ((roll -= search) < 0) {
            return new Action.Search(actor, random.nextInt(20) == 0 ? "c0" : content(), random.nextInt(25) == 0);
        }
        if ((roll -= deregister) < 0) {
            String peer = peerName(actor);
            List<String> held = model.contentsOf(peer);
            return new Action.Deregister(actor, peer, !held.isEmpty() && random.nextInt(4) > 0 ? held.get(random.nextInt(held.size())) : content());
        }
        if ((roll -= list) < 0) {
            return new Action.ListPage(actor, random.nextBoolean() ? 0 : 1 + random.nextInt(model.listEntries() + 2));
        }
        if ((roll -= leave) < 0) {
            return new Action.Leave(actor, peerName(actor));
        }
        return new Action.Malformed(actor, MALFORMATIONS[random.nextInt(MALFORMATIONS.length)], content());
    }

    /** Mostly the peer's own name; sometimes a shared one or another peer's. */
    private String peerName(int actor) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return SHARED_NAMES.get(random.nextInt(SHARED_NAMES.size()));
        }
        return SimulatedPeers.role(roll == 1 ? random.nextInt(SimulatedPeers.COUNT) : actor);
    }

    /** A content, the hot ones more often. */
    private String content() {
        return "c" + (1 + (random.nextInt(5) < 3 ? random.nextInt(HOT) : random.nextInt(CONTENTS)));
    }

    /** A content the peer does not hold yet, when there is one. */
    private String newContent(List<String> held) {
        int first = random.nextInt(CONTENTS);
        for (int i = 0; i < CONTENTS; i++) {
            String c = "c" + (1 + (first + i) % CONTENTS);
            if (!held.contains(c)) {
                return c;
            }
        }
        return content();
    }
}
