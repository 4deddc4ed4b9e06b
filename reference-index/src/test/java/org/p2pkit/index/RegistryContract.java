package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The contract every registry backend keeps: it behaves like {@link ModelIndex} after every step of
 * any sequence of operations. A backend's test extends this class and says how to make one.
 */
abstract class RegistryContract {
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

    /** A new, empty registry of this backend with {@code limits}; closed after the sequence if it is closeable. */
    protected abstract Registry newRegistry(IndexLimits limits) throws Exception;

    /** The examples to try: fewer for a backend whose registries are slow to make. */
    protected int examples() {
        return 300;
    }

    @Test
    @DisplayName("IDX-REG-*, IDX-SEARCH-*, IDX-DEREG-*, IDX-LEAVE-1, IDX-LIST-*: the registry equals the list-based model after every step")
    void registryBehavesLikeTheModel() {
        qt().withExamples(examples()).forAll(limits(), Steps.sequences(operation(), 1, 80))
                .checkAssert((limits, operations) -> {
                    try {
                        matchesTheModelAfterEveryStep(limits, operations);
                    } catch (Exception e) {
                        throw new AssertionError("the registry failed", e);
                    }
                });
    }

    private void matchesTheModelAfterEveryStep(IndexLimits limits, List<Op> operations) throws Exception {
        Registry registry = newRegistry(limits);
        try {
            matchesTheModelAfterEveryStep(registry, limits, operations);
        } finally {
            if (registry instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static void matchesTheModelAfterEveryStep(Registry registry, IndexLimits limits, List<Op> operations) {
        ModelIndex model = new ModelIndex(limits);
        for (int step = 0; step < operations.size(); step++) {
            Op op = operations.get(step);
            assertEquals(op.apply(model), op.apply(registry), "answer to step " + step + ": " + op);
            assertEquals(model.snapshot(), registry.snapshot(), "state after step " + step + ": " + op);
            assertEquals(model.snapshot().size(), registry.peerCount());
            assertEquals(model.snapshot().stream().mapToInt(p -> p.contents().size()).sum(), registry.registrationCount());
        }
    }

    /** The reference defaults half the time, otherwise limits small enough for the operations to reach. */
    private static Gen<IndexLimits> limits() {
        Gen<IndexLimits> small = Generate.range(1, 6).zip(Generate.range(1, 12), Generate.range(1, 30), IndexLimits::new);
        return Generate.frequency(Pair.of(1, Generate.constant(IndexLimits.DEFAULTS)), Pair.of(1, small));
    }

    /** Few names, so that operations meet the same peers and contents again. */
    static Gen<Op> operation() {
        Gen<PeerName> peers = Generate.range(0, 6).map(n -> PeerName.of("p" + n));
        Gen<ContentName> contents = Generate.range(0, 11).map(n -> ContentName.of("c" + n));
        Gen<PeerAddress> addresses = Generate.range(1, 3).map(n -> new PeerAddress("127.0.0." + n, 4000 + n));
        Gen<Op> register = peers.zip(contents, addresses, Register::new);
        Gen<Op> search = contents.map(Search::new);
        Gen<Op> deregister = peers.zip(contents, Deregister::new);
        Gen<Op> removePeer = peers.map(RemovePeer::new);
        Gen<Op> list = Generate.range(0, 12).zip(Generate.range(1, 4), ListPageOp::new);
        return Generate.frequency(Pair.of(6, register), Pair.of(4, search), Pair.of(2, deregister), Pair.of(1, removePeer), Pair.of(2, list));
    }
}
