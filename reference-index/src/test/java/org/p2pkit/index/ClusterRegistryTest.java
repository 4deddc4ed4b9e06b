package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * The registry of a cluster keeps the contract when each operation reaches another member, and
 * keeps the search rule under concurrent searches at different members (spec section 5.7).
 */
class ClusterRegistryTest extends RegistryContract {
    private static final AtomicInteger REGISTRY = new AtomicInteger();
    private static LoopbackCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = new LoopbackCluster(2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Fresh maps for each registry; operations alternate between the members. */
    @Override
    protected Registry newRegistry(IndexLimits limits) {
        return new Alternating(members(limits));
    }

    /** Each registry operation of a cluster costs a few round trips between members; fewer examples keep the run short. */
    @Override
    protected int examples() {
        return 60;
    }

    @Test
    @DisplayName("CLUSTER-3, IDX-SEARCH-2, IDX-SEARCH-4: concurrent searches at different members leave the holders' "
            + "served counts exactly balanced")
    void concurrentSearchesAtDifferentMembersKeepTheRule() throws Exception {
        List<Registry> members = members(IndexLimits.DEFAULTS);
        int holders = 3;
        for (int n = 0; n < holders; n++) {
            members.get(0).register(peer("anchor" + n), content("hot"), address("127.0.0.1", 4000 + n));
        }
        int searchesPerThread = 60;
        int threadsPerMember = 2;
        ExecutorService threads = Executors.newFixedThreadPool(threadsPerMember * members.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Registry member : members) {
                for (int t = 0; t < threadsPerMember; t++) {
                    done.add(threads.submit(() -> {
                        for (int s = 0; s < searchesPerThread; s++) {
                            assertTrue(member.search(content("hot"), System.nanoTime()) instanceof Choice.Named);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        int searches = searchesPerThread * threadsPerMember * members.size();
        for (RegisteredPeer anchor : members.get(1).snapshot()) {
            assertEquals(searches / holders, anchor.contents().get(0).served(), () -> anchor + " after " + searches + " searches");
        }
    }

    @Test
    @DisplayName("CLUSTER-2, SEC-1, SEC-8, EXT-5: a name's owner, the host quotas and a registration's stamp hold at every member")
    void ownersQuotasAndStampsHoldAtEveryMember() {
        List<Registry> members = members(IndexLimits.DEFAULTS.withMaxPeersPerHost(1));
        InetSocketAddress alice = new InetSocketAddress("127.0.0.2", 5001);
        InetSocketAddress other = new InetSocketAddress("127.0.0.3", 5002);
        ContentStamp stamp = new ContentStamp(12, "b3d0b8f4bdc7e76252175773e69029121bafdff961d061aa93009b33ae38fb6f");
        assertEquals(RegistrationOutcome.REGISTERED, members.get(0).register(peer("alice"), content("song"),
                address("127.0.0.2", 4001), Optional.of(stamp), alice, System.nanoTime()));
        assertEquals(RegistrationOutcome.OWNER_UNCHECKED, members.get(1).register(peer("alice"), content("poem"),
                address("127.0.0.3", 4002), Optional.empty(), other, System.nanoTime()));
        assertEquals(RemovalOutcome.NOT_OWNER, members.get(1).deregister(peer("alice"), content("song"), other));
        assertEquals(RegistrationOutcome.HOST_PEER_LIMIT, members.get(1).register(peer("bob"), content("song"),
                address("127.0.0.2", 4003), Optional.empty(), alice, System.nanoTime()));
        SearchHit hit = members.get(1).search(content("song"));
        assertEquals(Optional.of(stamp), hit.stamp());
        assertEquals(RemovalOutcome.REMOVED, members.get(1).removePeer(peer("alice"), alice));
        assertEquals(RegistrationOutcome.REGISTERED, members.get(0).register(peer("bob"), content("song"),
                address("127.0.0.2", 4003), Optional.empty(), alice, System.nanoTime()), "the quota was given back");
    }

    @Test
    @DisplayName("SEC-7: a holder not seen within the check interval is to be probed first at any member; a failed probe "
            + "forgets it everywhere")
    void unseenHoldersAreProbedAndDeadOnesForgottenEverywhere() {
        List<Registry> members = members(IndexLimits.DEFAULTS);
        members.get(0).register(peer("alice"), content("song"), address("127.0.0.1", 4001));
        // a second past the interval: members agree on the time to within the cluster clock's milliseconds, not nanoseconds
        long later = System.nanoTime() + Probing.DEFAULTS.holderCheckInterval().plusSeconds(1).toNanos();
        Choice choice = members.get(1).search(content("song"), later);
        assertTrue(choice instanceof Choice.ProbeFirst, () -> String.valueOf(choice));
        assertEquals(0, members.get(0).snapshot().get(0).contents().get(0).served(), "nothing counted before the probe");
        assertTrue(members.get(1).probed(((Choice.ProbeFirst) choice).hit(), false, later));
        assertEquals(Choice.Nobody.NOBODY, members.get(0).search(content("song"), later));
        assertEquals(0, members.get(0).registrationCount());
    }

    private static List<Registry> members(IndexLimits limits) {
        String prefix = ClusterMember.MAP_PREFIX + "t" + REGISTRY.incrementAndGet() + ".";
        List<Registry> members = new ArrayList<>();
        for (int n = 0; n < cluster.size(); n++) {
            members.add(new ClusterRegistry(cluster.member(n), prefix, limits, Probing.DEFAULTS));
        }
        return members;
    }

    /** One registry whose every call goes to the next of the members in turn. */
    private static final class Alternating implements Registry {
        private final List<Registry> members;
        private int next;

        Alternating(List<Registry> members) {
            this.members = members;
        }

        private Registry next() {
            return members.get(next++ % members.size());
        }

        @Override
        public IndexLimits limits() {
            return next().limits();
        }

        @Override
        public RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address,
                Optional<ContentStamp> stamp, InetSocketAddress source, long now) {
            return next().register(peer, content, address, stamp, source, now);
        }

        @Override
        public SearchHit search(ContentName content) {
            return next().search(content);
        }

        @Override
        public Choice search(ContentName content, long now) {
            return next().search(content, now);
        }

        @Override
        public SearchHit peer(PeerName peer) {
            return next().peer(peer);
        }

        @Override
        public boolean probed(SearchHit peer, boolean alive, long now) {
            return next().probed(peer, alive, now);
        }

        @Override
        public RemovalOutcome deregister(PeerName peer, ContentName content, InetSocketAddress source) {
            return next().deregister(peer, content, source);
        }

        @Override
        public RemovalOutcome removePeer(PeerName peer, InetSocketAddress source) {
            return next().removePeer(peer, source);
        }

        @Override
        public ListPage list(int start, int maxEntries) {
            return next().list(start, maxEntries);
        }

        @Override
        public List<RegisteredPeer> snapshot() {
            return next().snapshot();
        }

        @Override
        public int peerCount() {
            return next().peerCount();
        }

        @Override
        public int registrationCount() {
            return next().registrationCount();
        }
    }
}
