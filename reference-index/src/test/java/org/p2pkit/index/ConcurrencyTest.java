package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * Many clients at once leave the registry as a sequential model of the same operations does.
 * Each client owns its peers, so the end state of those peers does not depend on the interleaving;
 * all clients also search "hot" contents that only a fixed set of anchor peers hold, whose served
 * counts must come out exactly balanced (IDX-SEARCH-2, IDX-SEARCH-4) however the searches interleave.
 */
class ConcurrencyTest {
    private static final int ANCHORS = 5;
    private static final int HOT_CONTENTS = 3;
    private static final long WAIT_SECONDS = 120; // only reached if something hangs

    private static PeerName anchor(int i) {
        return peer("anchor" + i);
    }

    private static ContentName hot(int k) {
        return content("hot" + k);
    }

    private static PeerAddress anchorAddress(int i) {
        return address("10.9.9." + (i + 1), 7000 + i);
    }

    private static void registerAnchors(Registry registry) {
        for (int k = 0; k < HOT_CONTENTS; k++) {
            for (int i = 0; i < ANCHORS; i++) {
                assertEquals(RegistrationOutcome.REGISTERED, registry.register(anchor(i), hot(k), anchorAddress(i)));
            }
        }
    }

    /** After n searches of a content its k holders, registered in order, served n/k, the first n%k one more. */
    private static void assertAnchorsBalanced(Registry registry, AtomicIntegerArray hotSearches) {
        List<RegisteredPeer> snapshot = registry.snapshot();
        for (int i = 0; i < ANCHORS; i++) {
            RegisteredPeer anchor = find(snapshot, anchor(i));
            for (int k = 0; k < HOT_CONTENTS; k++) {
                int n = hotSearches.get(k);
                long expected = n / ANCHORS + (i < n % ANCHORS ? 1 : 0);
                assertEquals(expected, anchor.contents().get(k).served(), "served count of anchor" + i + " for hot" + k);
            }
        }
    }

    private static RegisteredPeer find(List<RegisteredPeer> snapshot, PeerName name) {
        return snapshot.stream().filter(p -> p.peer().equals(name)).findFirst().orElseThrow();
    }

    /** The peers of one client as the registry holds them, in list order, served counts left out. */
    private static List<RegisteredPeer> ownedBy(List<RegisteredPeer> snapshot, String prefix) {
        List<RegisteredPeer> owned = new ArrayList<>();
        for (RegisteredPeer p : snapshot) {
            if (p.peer().value().startsWith(prefix)) {
                owned.add(withoutCounts(p));
            }
        }
        return owned;
    }

    private static RegisteredPeer withoutCounts(RegisteredPeer p) {
        return new RegisteredPeer(p.peer(), p.address(),
                p.contents().stream().map(c -> new RegisteredPeer.Content(c.content(), 0)).toList());
    }

    /** Runs the tasks at once, plus {@code background} until they are done; the tasks' results in order. */
    private static <T> List<T> runAll(List<Callable<T>> tasks, Callable<?> background, AtomicBoolean running)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size() + 1);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            Future<?> side = pool.submit(background);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            running.set(false);
            side.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return results;
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("IDX-*: 8 threads registering, searching, deregistering and listing leave the state a sequential model gives")
    void concurrentOperationsOnTheRegistryMatchASequentialModel() throws Exception {
        Registry registry = new LocalRegistry(IndexLimits.DEFAULTS);
        registerAnchors(registry);
        AtomicIntegerArray hotSearches = new AtomicIntegerArray(HOT_CONTENTS);
        AtomicBoolean running = new AtomicBoolean(true);
        int threads = 8;
        List<Callable<ModelIndex>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                ModelIndex own = new ModelIndex(IndexLimits.DEFAULTS);
                Random random = new Random(1000 + thread);
                for (int op = 0; op < 20_000; op++) {
                    PeerName p = peer("t" + thread + "p" + random.nextInt(20));
                    ContentName c = content("c" + random.nextInt(12));
                    int kind = random.nextInt(100);
                    if (kind < 40) {
                        PeerAddress a = address("127.0." + thread + "." + (1 + random.nextInt(3)), 5000 + thread);
                        assertEquals(own.register(p, c, a), registry.register(p, c, a), "register " + p + " " + c);
                    } else if (kind < 60) {
                        assertEquals(own.deregister(p, c), registry.deregister(p, c), "deregister " + p + " " + c);
                    } else if (kind < 63) {
                        assertEquals(own.removePeer(p), registry.removePeer(p), "remove " + p);
                    } else if (kind < 85) {
                        int k = random.nextInt(HOT_CONTENTS);
                        SearchHit hit = registry.search(hot(k));
                        assertNotNull(hit);
                        assertTrue(hit.holder().value().startsWith("anchor"), hit::toString);
                        hotSearches.incrementAndGet(k);
                    } else {
                        registry.search(c); // any holder of any thread: exercises the sets under change
                    }
                }
                return own;
            });
        }
        // A reader that lists all the time: every page must be well formed whatever happens meanwhile.
        Callable<Void> reader = () -> {
            int start = 0;
            while (running.get()) {
                ListPage page = registry.list(start, RequestHandler.LIST_PAGE_ENTRIES);
                assertTrue(page.entries().size() <= RequestHandler.LIST_PAGE_ENTRIES);
                for (ListEntry entry : page.entries()) {
                    assertTrue(!entry.contents().isEmpty() && entry.contents().size() <= ListEntry.MAX_CONTENTS);
                }
                start = page.end().isComplete() ? 0 : page.end().continueAt();
            }
            return null;
        };
        List<ModelIndex> models = runAll(tasks, reader, running);

        List<RegisteredPeer> snapshot = registry.snapshot();
        int peers = ANCHORS;
        int registrations = ANCHORS * HOT_CONTENTS;
        for (int t = 0; t < threads; t++) {
            List<RegisteredPeer> expected = models.get(t).snapshot().stream().map(ConcurrencyTest::withoutCounts).toList();
            assertEquals(expected, ownedBy(snapshot, "t" + t + "p"), "peers of thread " + t);
            peers += expected.size();
            registrations += expected.stream().mapToInt(p -> p.contents().size()).sum();
        }
        assertEquals(peers, registry.peerCount());
        assertEquals(registrations, registry.registrationCount());
        assertAnchorsBalanced(registry, hotSearches);
    }

    @Test
    @DisplayName("IDX-* over UDP: 4 clients registering, searching and deregistering at once match a sequential model")
    void concurrentClientsOverUdpMatchASequentialModel() throws Exception {
        // The clients announce addresses of many hosts from this one: trusted, as for peers behind NAT (SEC-6).
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(2).withTrustAnnouncedAddresses(true))) {
            registerAnchors(index.registry());
            AtomicIntegerArray hotSearches = new AtomicIntegerArray(HOT_CONTENTS);
            int clients = 4;
            List<Callable<ModelIndex>> tasks = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int client = t;
                tasks.add(() -> {
                    ModelIndex own = new ModelIndex(IndexLimits.DEFAULTS);
                    Random random = new Random(2000 + client);
                    Function<Message, Message> ask;
                    try (UdpClient udp = new UdpClient(index.address())) {
                        ask = request -> PduCodec.decode(udp.exchange(request), Direction.REPLY);
                        for (int op = 0; op < 400; op++) {
                            PeerName p = peer("u" + client + "p" + random.nextInt(6));
                            ContentName c = content("c" + random.nextInt(8));
                            int kind = random.nextInt(100);
                            if (kind < 40) {
                                PeerAddress a = address("127.1." + client + "." + (1 + random.nextInt(3)), 6000 + client);
                                RegistrationOutcome expected = own.register(p, c, a);
                                Message reply = ask.apply(new Registration(p, c, a));
                                assertEquals(expected == RegistrationOutcome.REGISTERED ? IndexReplies.ACK
                                        : IndexReplies.ALREADY_REGISTERED, reply, "register " + p + " " + c);
                            } else if (kind < 65) {
                                boolean expected = own.deregister(p, c);
                                assertEquals(expected ? IndexReplies.ACK : IndexReplies.NOT_FOUND,
                                        ask.apply(new ContentDeregistration(p, c)), "deregister " + p + " " + c);
                            } else if (kind < 90) {
                                int k = random.nextInt(HOT_CONTENTS);
                                Message reply = ask.apply(new SearchRequest(p, hot(k)));
                                assertTrue(reply instanceof SearchHit hit && hit.holder().value().startsWith("anchor"),
                                        reply::toString);
                                hotSearches.incrementAndGet(k);
                            } else {
                                Message reply = ask.apply(new SearchRequest(p, c));
                                assertTrue(reply instanceof SearchHit || reply.equals(IndexReplies.NOT_FOUND), reply::toString);
                            }
                        }
                    }
                    return own;
                });
            }
            List<ModelIndex> models = runAll(tasks, () -> null, new AtomicBoolean(true));
            List<RegisteredPeer> snapshot = index.registry().snapshot();
            for (int t = 0; t < clients; t++) {
                List<RegisteredPeer> expected = models.get(t).snapshot().stream().map(ConcurrencyTest::withoutCounts).toList();
                assertEquals(expected, ownedBy(snapshot, "u" + t + "p"), "peers of client " + t);
            }
            assertAnchorsBalanced(index.registry(), hotSearches);
        }
    }
}
