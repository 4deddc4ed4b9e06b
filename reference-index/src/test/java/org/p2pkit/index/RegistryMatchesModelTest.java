package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/** The registry behaves like {@link ModelIndex} after every step of any sequence of operations. */
class RegistryMatchesModelTest {
    /** One registry operation, applied to the registry and to the model; returns what each answered. */
    interface Op {
        Object apply(Registry registry);

        Object apply(ModelIndex model);
    }

    record Register(PeerName peer, ContentName content, PeerAddress address) implements Op {
        public Object apply(Registry r) {
            return r.register(peer, content, address);
        }

        public Object apply(ModelIndex m) {
            return m.register(peer, content, address);
        }
    }

    record Search(ContentName content) implements Op {
        public Object apply(Registry r) {
            return String.valueOf(r.search(content));
        }

        public Object apply(ModelIndex m) {
            return String.valueOf(m.search(content));
        }
    }

    record Deregister(PeerName peer, ContentName content) implements Op {
        public Object apply(Registry r) {
            return r.deregister(peer, content);
        }

        public Object apply(ModelIndex m) {
            return m.deregister(peer, content);
        }
    }

    record RemovePeer(PeerName peer) implements Op {
        public Object apply(Registry r) {
            return r.removePeer(peer);
        }

        public Object apply(ModelIndex m) {
            return m.removePeer(peer);
        }
    }

    record ListPageOp(int start, int size) implements Op {
        public Object apply(Registry r) {
            return r.list(start, size);
        }

        public Object apply(ModelIndex m) {
            return m.list(start, size);
        }
    }

    @Property(tries = 300)
    @Label("IDX-REG-*, IDX-SEARCH-*, IDX-DEREG-*, IDX-LEAVE-1, IDX-LIST-*: the registry equals the list-based model after every step")
    void registryBehavesLikeTheModel(@ForAll("limits") IndexLimits limits, @ForAll("operations") List<Op> operations) {
        Registry registry = new Registry(limits);
        ModelIndex model = new ModelIndex(limits);
        for (int step = 0; step < operations.size(); step++) {
            Op op = operations.get(step);
            assertEquals(op.apply(model), op.apply(registry), "answer to step " + step + ": " + op);
            assertEquals(model.snapshot(), registry.snapshot(), "state after step " + step + ": " + op);
            assertEquals(model.snapshot().size(), registry.peerCount());
            assertEquals(model.snapshot().stream().mapToInt(p -> p.contents().size()).sum(), registry.registrationCount());
        }
    }

    @Provide
    Arbitrary<IndexLimits> limits() {
        return Arbitraries.oneOf(
                Arbitraries.just(IndexLimits.DEFAULTS),
                Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 30)).as(IndexLimits::new));
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<PeerName> peers = Arbitraries.of("p0", "p1", "p2", "p3", "p4", "p5", "p6").map(PeerName::of);
        Arbitrary<ContentName> contents = Arbitraries.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9",
                "c10", "c11").map(ContentName::of);
        Arbitrary<PeerAddress> addresses = Arbitraries.integers().between(1, 3).map(n -> new PeerAddress("127.0.0." + n, 4000 + n));
        Arbitrary<Op> register = Combinators.combine(peers, contents, addresses).as(Register::new);
        Arbitrary<Op> search = contents.map(Search::new);
        Arbitrary<Op> deregister = Combinators.combine(peers, contents).as(Deregister::new);
        Arbitrary<Op> removePeer = peers.map(RemovePeer::new);
        Arbitrary<Op> list = Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(1, 4))
                .as(ListPageOp::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(Tuple.of(6, register), Tuple.of(4, search),
                Tuple.of(2, deregister), Tuple.of(1, removePeer), Tuple.of(2, list));
        return op.list().ofMinSize(1).ofMaxSize(80);
    }
}
