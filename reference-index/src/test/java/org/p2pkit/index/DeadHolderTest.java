package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * SEC-7: a holder that has not registered or passed a probe within the check interval is probed
 * before a search names it; a dead one is forgotten and the choice is made again. The tests use a
 * check interval of {@value #CHECK_MILLIS} ms instead of the reference 30 s.
 */
class DeadHolderTest {
    private static final long CHECK_MILLIS = 200;
    private static final SearchRequest CAROL_SEARCHES_SONG = new SearchRequest(peer("carol"), content("song"));

    private static IndexServer start(int probesPerSearch) throws IOException {
        Probing d = Probing.DEFAULTS;
        Probing probing = new Probing(d.timeout(), d.interval(), Duration.ofMillis(CHECK_MILLIS), probesPerSearch,
                d.threads(), d.maxPending(), d.maxPendingPerHost());
        return IndexServer.start(IndexOptions.ephemeralLoopback().withProbing(probing));
    }

    private static void register(UdpClient client, String name, PeerAddress at) {
        assertPdu(IndexReplies.ACK, client.exchange(new Registration(peer(name), content("song"), at)));
    }

    private static long served(IndexServer index, String name) {
        return index.registry().snapshot().stream().filter(p -> p.peer().equals(peer(name)))
                .mapToLong(p -> p.contents().get(0).served()).sum();
    }

    @Test
    @DisplayName("SEC-7: a killed holder stops being named within the check interval; a live one keeps being named, "
            + "and probes count no download")
    void killedHolderStopsBeingNamed() throws Exception {
        try (IndexServer index = start(Probing.DEFAULT_PROBES_PER_SEARCH);
                UdpClient peers = new UdpClient(index.address());
                UdpClient carol = new UdpClient(index.address());
                ContentServers.Live alice = new ContentServers.Live();
                ContentServers.Live bob = new ContentServers.Live()) {
            register(peers, "alice", alice.address());
            register(peers, "bob", bob.address());
            assertPdu(new SearchHit(peer("alice"), alice.address()), carol.exchange(CAROL_SEARCHES_SONG));
            assertPdu(new SearchHit(peer("bob"), bob.address()), carol.exchange(CAROL_SEARCHES_SONG));
            assertEquals(0, alice.accepted() + bob.accepted(), "registered within the check interval: no probe");

            alice.kill(); // it never deregisters
            Thread.sleep(CHECK_MILLIS + 100);
            // alice (1 served, older) and bob (1 served) tie: alice is chosen, probed, found dead and
            // forgotten; bob, unchecked as well, is probed, passes and is named.
            assertPdu(new SearchHit(peer("bob"), bob.address()), carol.exchange(CAROL_SEARCHES_SONG));
            assertEquals(List.of(peer("bob")), index.registry().snapshot().stream().map(RegisteredPeer::peer).toList());
            assertEquals(1, bob.acceptedAtLeast(1));
            assertEquals(2, served(index, "bob"), "two hits named bob; the probe counted none (IDX-SEARCH-4)");

            assertPdu(new SearchHit(peer("bob"), bob.address()), carol.exchange(CAROL_SEARCHES_SONG));
            assertEquals(1, bob.acceptedAtLeast(1), "passed a probe within the check interval: named without another");
            Thread.sleep(CHECK_MILLIS + 100);
            assertPdu(new SearchHit(peer("bob"), bob.address()), carol.exchange(CAROL_SEARCHES_SONG));
            assertEquals(2, bob.acceptedAtLeast(2), "the interval is over: probed again, alive, named");
        }
    }

    @Test
    @DisplayName("SEC-7: a holder that registered within the check interval is named unprobed, whatever listens at its address")
    void freshRegistrationIsNamedWithoutAProbe() throws IOException {
        PeerAddress nothingListens = ContentServers.dead();
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback());
                UdpClient peers = new UdpClient(index.address())) {
            register(peers, "alice", nothingListens);
            assertPdu(new SearchHit(peer("alice"), nothingListens), peers.exchange(CAROL_SEARCHES_SONG));
            assertPdu(new SearchHit(peer("alice"), nothingListens), peers.exchange(CAROL_SEARCHES_SONG));
        }
    }

    @Test
    @DisplayName("SEC-7: one search waits for at most --probes-per-search probes, then answers File not found!; "
            + "the next search goes on where it stopped")
    void probesPerSearchAreBounded() throws Exception {
        try (IndexServer index = start(2);
                UdpClient peers = new UdpClient(index.address());
                UdpClient carol = new UdpClient(index.address());
                ContentServers.Live erin = new ContentServers.Live()) {
            for (String name : List.of("alice", "bob", "dave")) {
                register(peers, name, ContentServers.dead());
            }
            register(peers, "erin", erin.address());
            Thread.sleep(CHECK_MILLIS + 100);

            assertPdu(IndexReplies.NOT_FOUND, carol.exchange(CAROL_SEARCHES_SONG)); // alice and bob probed, dead
            assertEquals(List.of(peer("dave"), peer("erin")),
                    index.registry().snapshot().stream().map(RegisteredPeer::peer).toList());
            assertPdu(new SearchHit(peer("erin"), erin.address()), carol.exchange(CAROL_SEARCHES_SONG)); // dave, then erin
            assertEquals(List.of(peer("erin")), index.registry().snapshot().stream().map(RegisteredPeer::peer).toList());
        }
    }
}
