package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * SEC-5: a registration under an owned name from another source makes the index probe the
 * owner's content server; a dead owner is forgotten and the name handed over, a live one keeps it.
 */
class HandoverTest {
    private static final SearchRequest CAROL_SEARCHES_SONG = new SearchRequest(peer("carol"), content("song"));
    private static final SearchRequest CAROL_SEARCHES_POEM = new SearchRequest(peer("carol"), content("poem"));

    private static RegisteredPeer registered(String name, PeerAddress at, String... contents) {
        return new RegisteredPeer(peer(name), at,
                Arrays.stream(contents).map(c -> new RegisteredPeer.Content(content(c), 0)).toList());
    }

    @Test
    @DisplayName("SEC-5: alice restarted from a new socket gets her name back when her old content server is gone")
    void deadOwnersNameIsHandedOver() throws IOException {
        PeerAddress old = ContentServers.dead();
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1));
                UdpClient crashed = new UdpClient(index.address());
                UdpClient restarted = new UdpClient(index.address());
                ContentServers.Live server = new ContentServers.Live()) {
            assertPdu(IndexReplies.ACK, crashed.exchange(new Registration(peer("alice"), content("song"), old)));
            assertPdu(IndexReplies.ACK, crashed.exchange(new Registration(peer("alice"), content("tune"), old)));

            assertPdu(IndexReplies.ACK, restarted.exchange(new Registration(peer("alice"), content("poem"), server.address())));
            assertEquals(List.of(registered("alice", server.address(), "poem")), index.registry().snapshot(),
                    "the old peer is forgotten with all its registrations; the R is a new peer's");
            assertPdu(IndexReplies.NOT_FOUND, restarted.exchange(CAROL_SEARCHES_SONG));
            // The new source owns the name now (SEC-1): the old one acts for nothing of it (SEC-3).
            assertPdu(IndexReplies.NOT_FOUND, crashed.exchange(new ContentDeregistration(peer("alice"), content("poem"))));
            assertPdu(new SearchHit(peer("alice"), server.address()), restarted.exchange(CAROL_SEARCHES_POEM));
        }
    }

    @Test
    @DisplayName("SEC-5: a live owner keeps its name; its successful probe stands for the probe interval, with no new probe")
    void liveOwnerKeepsItsNameAndIsProbedOncePerInterval() throws Exception {
        try (ContentServers.Live server = new ContentServers.Live();
                IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1));
                UdpClient owner = new UdpClient(index.address());
                UdpClient other = new UdpClient(index.address())) {
            assertPdu(IndexReplies.ACK, owner.exchange(new Registration(peer("alice"), content("song"), server.address())));
            List<RegisteredPeer> before = index.registry().snapshot();
            for (int i = 0; i < 3; i++) {
                assertPdu(IndexReplies.NAME_IN_USE,
                        other.exchange(new Registration(peer("alice"), content("poem"), ContentServers.dead())));
            }
            assertEquals(before, index.registry().snapshot());
            assertEquals(1, server.acceptedAtLeast(1), "one probe, which stands for the probe interval");
        }
    }

    @Test
    @DisplayName("SEC-5: after the probe interval a live owner is probed again, and still keeps its name")
    void liveOwnerIsProbedAgainAfterTheInterval() throws Exception {
        Probing shortInterval = Probing.DEFAULTS.withInterval(Duration.ofMillis(200));
        try (ContentServers.Live server = new ContentServers.Live();
                IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback().withProbing(shortInterval));
                UdpClient owner = new UdpClient(index.address());
                UdpClient other = new UdpClient(index.address())) {
            assertPdu(IndexReplies.ACK, owner.exchange(new Registration(peer("alice"), content("song"), server.address())));
            Registration hijack = new Registration(peer("alice"), content("poem"), ContentServers.dead());
            assertPdu(IndexReplies.NAME_IN_USE, other.exchange(hijack));
            Thread.sleep(300);
            assertPdu(IndexReplies.NAME_IN_USE, other.exchange(hijack));
            assertEquals(2, server.acceptedAtLeast(2));
        }
    }

    @Test
    @DisplayName("SEC-5: a probe does not hold up the UDP threads; a retransmitted R gets no second probe and one answer")
    void probeRunsBesideTheUdpThreads() throws IOException {
        Probing slowProbes = Probing.DEFAULTS.withTimeout(Duration.ofMillis(1500));
        try (ContentServers.Hanging hanging = new ContentServers.Hanging();
                IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1).withProbing(slowProbes));
                UdpClient owner = new UdpClient(index.address());
                UdpClient restarted = new UdpClient(index.address());
                UdpClient carol = new UdpClient(index.address());
                ContentServers.Live server = new ContentServers.Live()) {
            assertPdu(IndexReplies.ACK, owner.exchange(new Registration(peer("alice"), content("song"), hanging.address())));
            assertPdu(IndexReplies.ACK, owner.exchange(new Registration(peer("bob"), content("tune"), hanging.address())));
            Registration comeback = new Registration(peer("alice"), content("poem"), server.address());

            long start = System.nanoTime();
            restarted.send(comeback);
            restarted.send(comeback); // a client's retry (UDP-6) while the probe hangs
            assertPdu(new SearchHit(peer("bob"), hanging.address()), carol.exchange(new SearchRequest(peer("carol"), content("tune"))));
            long answeredMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answeredMillis < 1000, () -> "a search was answered while the probe hung, after " + answeredMillis + " ms");

            assertPdu(IndexReplies.ACK, restarted.receive()); // the probe timed out: handed over
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 1400, "answered when the probe ended");
            restarted.assertNoReplyTo(Pdus.of(new PeerDeregistration(peer("nobody")))); // and no answer to the retry
            assertEquals(List.of(peer("bob"), peer("alice")), index.registry().snapshot().stream().map(RegisteredPeer::peer).toList());
        }
    }
}
