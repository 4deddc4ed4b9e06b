package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * A peer name belongs to the source of the registration that made it known (spec SEC-1 to SEC-4),
 * and an address must name the sender's host (SEC-6). alice's content server is alive, so a probe
 * of it passes and her name is never handed over here (SEC-5 has {@link HandoverTest}).
 */
class OwnershipTest {
    private ContentServers.Live aliceServer;
    private PeerAddress aliceAt;
    private IndexServer index;
    private UdpClient alice;
    private UdpClient mallory;

    @BeforeEach
    void start() throws IOException {
        aliceServer = new ContentServers.Live();
        aliceAt = aliceServer.address();
        // One thread: requests are handled in arrival order, which the no-reply checks rely on.
        index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1));
        alice = new UdpClient(index.address());
        mallory = new UdpClient(index.address(), InetAddress.getByName("127.0.0.2"));
        assertPdu(IndexReplies.ACK, alice.exchange(new Registration(peer("alice"), content("song"), aliceAt)));
    }

    @AfterEach
    void stop() {
        mallory.close();
        alice.close();
        index.close();
        aliceServer.close();
    }

    private void assertAliceUnaffected(List<RegisteredPeer> before) {
        assertEquals(before, index.registry().snapshot(), "registry unchanged");
        assertPdu(new SearchHit(peer("alice"), aliceAt), alice.exchange(new SearchRequest(peer("carol"), content("song"))));
        assertPdu(IndexReplies.ACK, alice.exchange(new Registration(peer("alice"), content("poem"), aliceAt)));
        assertPdu(IndexReplies.ACK, alice.exchange(new ContentDeregistration(peer("alice"), content("poem"))));
    }

    @Test
    @DisplayName("SEC-2: a registration under alice's name from another host is refused and moves nothing; alice goes on")
    void hijackFromAnotherHostIsRefused() {
        List<RegisteredPeer> before = index.registry().snapshot();
        assertPdu(IndexReplies.NAME_IN_USE,
                mallory.exchange(new Registration(peer("alice"), content("zzz"), address("127.0.0.2", 6666))));
        assertPdu(IndexReplies.NAME_IN_USE,
                mallory.exchange(new Registration(peer("alice"), content("song"), address("127.0.0.2", 6666))));
        assertAliceUnaffected(before);
    }

    @Test
    @DisplayName("SEC-1, SEC-2: the owner is the source (address and port): another socket of the same host is refused too")
    void anotherSocketOfTheSameHostIsAnotherSource() {
        List<RegisteredPeer> before = index.registry().snapshot();
        try (UdpClient neighbour = new UdpClient(index.address())) {
            assertPdu(IndexReplies.NAME_IN_USE,
                    neighbour.exchange(new Registration(peer("alice"), content("zzz"), address("127.0.0.1", 6666))));
        }
        assertAliceUnaffected(before);
    }

    @Test
    @DisplayName("SEC-3: a content deregistration from another source gets E File not found! and changes nothing")
    void foreignContentDeregistrationChangesNothing() {
        List<RegisteredPeer> before = index.registry().snapshot();
        assertPdu(IndexReplies.NOT_FOUND, mallory.exchange(new ContentDeregistration(peer("alice"), content("song"))));
        assertAliceUnaffected(before);
    }

    @Test
    @DisplayName("SEC-4: a peer deregistration from another source gets no reply and changes nothing")
    void foreignPeerDeregistrationChangesNothing() {
        List<RegisteredPeer> before = index.registry().snapshot();
        mallory.assertNoReplyTo(Pdus.of(new PeerDeregistration(peer("alice"))));
        assertAliceUnaffected(before);
        alice.assertNoReplyTo(Pdus.of(new PeerDeregistration(peer("alice"))));
        assertEquals(List.of(), index.registry().snapshot(), "the owner's own leaves (IDX-LEAVE-1)");
    }

    @Test
    @DisplayName("SEC-6: an address of another host than the sender's is refused with the exact E and changes nothing")
    void addressOfAnotherHostIsRefused() {
        List<RegisteredPeer> before = index.registry().snapshot();
        assertPdu(IndexReplies.NOT_SENDERS_HOST,
                mallory.exchange(new Registration(peer("bob"), content("song"), address("127.0.0.1", 40002))));
        assertPdu(IndexReplies.NOT_SENDERS_HOST,
                alice.exchange(new Registration(peer("alice"), content("poem"), address("10.0.0.1", aliceAt.port()))));
        assertEquals(before, index.registry().snapshot());
        assertPdu(IndexReplies.ACK, mallory.exchange(new Registration(peer("bob"), content("song"), address("127.0.0.2", 40002))));
    }

    @Test
    @DisplayName("SEC-6: with --trust-announced-addresses an address of another host is accepted")
    void addressOfAnotherHostIsAcceptedWhenTrusted() throws IOException {
        try (IndexServer trusting = IndexServer.start(IndexOptions.ephemeralLoopback().withTrustAnnouncedAddresses(true));
                UdpClient natted = new UdpClient(trusting.address(), InetAddress.getByName("127.0.0.2"))) {
            assertPdu(IndexReplies.ACK, natted.exchange(new Registration(peer("bob"), content("song"), address("10.0.0.1", 40002))));
            assertEquals(address("10.0.0.1", 40002), trusting.registry().snapshot().get(0).address());
        }
    }

    @Test
    @DisplayName("IDX-REG-6: the address is checked before the owner, the owner before a duplicate")
    void checkOrderIsAddressThenOwnerThenDuplicate() {
        assertPdu(IndexReplies.NOT_SENDERS_HOST,
                mallory.exchange(new Registration(peer("alice"), content("song"), address("127.0.0.3", 6666))));
        assertPdu(IndexReplies.NAME_IN_USE,
                mallory.exchange(new Registration(peer("alice"), content("song"), address("127.0.0.2", 6666))));
        assertPdu(IndexReplies.ALREADY_REGISTERED, alice.exchange(new Registration(peer("alice"), content("song"), aliceAt)));
    }
}
