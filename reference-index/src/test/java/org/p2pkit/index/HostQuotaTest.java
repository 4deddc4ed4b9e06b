package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;

/**
 * SEC-8: the peers one source host owns and the registrations they hold are limited, beside the
 * limits of the whole index; one host at its quota does not keep another from registering.
 */
class HostQuotaTest {
    private static final IndexLimits SMALL_QUOTAS = IndexLimits.DEFAULTS.withMaxPeersPerHost(3).withMaxRegistrationsPerHost(5);

    private static Registration registration(String peer, String content, String host) {
        return new Registration(peer(peer), content(content), address(host, 40000));
    }

    @Test
    @DisplayName("SEC-8: a host at its peer quota is refused a new peer, another host still registers")
    void peerQuotaOfOneHostLeavesRoomForOthers() throws IOException {
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1).withLimits(SMALL_QUOTAS));
                UdpClient greedy = new UdpClient(index.address(), InetAddress.getByName("127.0.0.2"));
                UdpClient other = new UdpClient(index.address(), InetAddress.getByName("127.0.0.3"))) {
            for (String name : List.of("p1", "p2", "p3")) {
                assertPdu(IndexReplies.ACK, greedy.exchange(registration(name, "song", "127.0.0.2")));
            }
            List<RegisteredPeer> before = index.registry().snapshot();
            assertPdu(new ErrorReply("Index full: max peers per host (3) reached"),
                    greedy.exchange(registration("p4", "song", "127.0.0.2")));
            assertEquals(before, index.registry().snapshot(), "nothing changed");
            assertPdu(IndexReplies.ACK, greedy.exchange(registration("p1", "tune", "127.0.0.2"))); // its peers still register
            assertPdu(IndexReplies.ACK, other.exchange(registration("q1", "song", "127.0.0.3")));

            greedy.assertNoReplyTo(Pdus.of(new PeerDeregistration(peer("p3"))));
            assertPdu(IndexReplies.ACK, greedy.exchange(registration("p4", "song", "127.0.0.2"))); // p3 left: room
        }
    }

    @Test
    @DisplayName("SEC-8: a host at its registration quota is refused more, another host still registers")
    void registrationQuotaOfOneHostLeavesRoomForOthers() throws IOException {
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1).withLimits(SMALL_QUOTAS));
                UdpClient greedy = new UdpClient(index.address(), InetAddress.getByName("127.0.0.2"));
                UdpClient other = new UdpClient(index.address(), InetAddress.getByName("127.0.0.3"))) {
            for (String content : List.of("c1", "c2", "c3")) {
                assertPdu(IndexReplies.ACK, greedy.exchange(registration("p1", content, "127.0.0.2")));
            }
            assertPdu(IndexReplies.ACK, greedy.exchange(registration("p2", "c1", "127.0.0.2")));
            assertPdu(IndexReplies.ACK, greedy.exchange(registration("p2", "c2", "127.0.0.2")));
            List<RegisteredPeer> before = index.registry().snapshot();
            ErrorReply full = new ErrorReply("Index full: max registrations per host (5) reached");
            assertPdu(full, greedy.exchange(registration("p2", "c3", "127.0.0.2")));
            assertPdu(full, greedy.exchange(registration("p3", "c1", "127.0.0.2")));
            assertEquals(before, index.registry().snapshot(), "nothing changed");
            for (String content : List.of("c1", "c2", "c3", "c4", "c5")) {
                assertPdu(IndexReplies.ACK, other.exchange(registration("q1", content, "127.0.0.3")));
            }

            assertPdu(IndexReplies.ACK, greedy.exchange(new ContentDeregistration(peer("p1"), content("c1"))));
            assertPdu(IndexReplies.ACK, greedy.exchange(registration("p2", "c3", "127.0.0.2"))); // room again
        }
    }
}
