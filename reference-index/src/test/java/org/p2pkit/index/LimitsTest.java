package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Message;
import org.p2pkit.model.Registration;

/** The configurable limits of spec IDX-REG-5: refused with E "Index full: ...", nothing changes, one log line. */
class LimitsTest {
    private static Registration registration(String peer, String content) {
        return new Registration(peer(peer), content(content), address("127.0.0.1", 40000 + peer.length()));
    }

    /** Registers what fits, then checks that {@code refused} gets the given E and changes nothing. */
    private static void assertRefused(IndexLimits limits, List<Registration> fitting, Registration refused,
            String expectedReason) {
        RequestHandler handler = new RequestHandler(new LocalRegistry(limits));
        for (Registration registration : fitting) {
            assertEquals(List.of(IndexReplies.ACK), handler.handle(registration), "fits: " + registration);
        }
        List<RegisteredPeer> before = handler.registry().snapshot();
        try (LogCapture log = new LogCapture()) {
            List<Message> replies = handler.handle(refused);
            assertEquals(List.of(new ErrorReply(expectedReason)), replies);
            List<String> lines = log.take();
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("index-full "), lines.get(0));
        }
        assertEquals(before, handler.registry().snapshot(), "nothing changed");
    }

    @Test
    @DisplayName("IDX-REG-5: a new peer beyond max peers is refused; known peers still register")
    void maxPeers() {
        IndexLimits limits = IndexLimits.DEFAULTS.withMaxPeers(2);
        assertRefused(limits, List.of(registration("a", "x"), registration("b", "x")), registration("c", "x"),
                "Index full: max peers (2) reached");
        RequestHandler handler = new RequestHandler(new LocalRegistry(limits));
        handler.handle(registration("a", "x"));
        handler.handle(registration("b", "x"));
        assertEquals(List.of(IndexReplies.ACK), handler.handle(registration("a", "y")), "a known peer is not new");
    }

    @Test
    @DisplayName("IDX-REG-5: a content beyond max contents per peer is refused; other peers still register")
    void maxContentsPerPeer() {
        IndexLimits limits = IndexLimits.DEFAULTS.withMaxContentsPerPeer(3);
        assertRefused(limits, List.of(registration("a", "x"), registration("a", "y"), registration("a", "z")),
                registration("a", "w"), "Index full: max contents per peer (3) reached for a");
        RequestHandler handler = new RequestHandler(new LocalRegistry(limits));
        for (String c : List.of("x", "y", "z")) {
            handler.handle(registration("a", c));
        }
        assertEquals(List.of(IndexReplies.ACK), handler.handle(registration("b", "w")));
    }

    @Test
    @DisplayName("IDX-REG-5: a registration beyond max registrations is refused")
    void maxRegistrations() {
        assertRefused(IndexLimits.DEFAULTS.withMaxRegistrations(3),
                List.of(registration("a", "x"), registration("b", "x"), registration("a", "y")),
                registration("c", "x"), "Index full: max registrations (3) reached");
    }

    @Test
    @DisplayName("IDX-REG-3 before IDX-REG-5: a duplicate at the limit is still the duplicate error")
    void duplicateAtTheLimitIsADuplicate() {
        RequestHandler handler = new RequestHandler(new LocalRegistry(new IndexLimits(1, 1, 1)));
        handler.handle(registration("a", "x"));
        assertEquals(List.of(IndexReplies.ALREADY_REGISTERED), handler.handle(registration("a", "x")));
    }

    @Test
    @DisplayName("IDX-REG-5: deregistration makes room again")
    void deregistrationMakesRoom() {
        Registry registry = new LocalRegistry(new IndexLimits(1, 1, 1));
        assertEquals(RegistrationOutcome.REGISTERED, registry.register(peer("a"), content("x"), address("127.0.0.1", 1)));
        assertEquals(RegistrationOutcome.PEER_LIMIT, registry.register(peer("b"), content("x"), address("127.0.0.1", 2)));
        assertEquals(RegistrationOutcome.CONTENT_LIMIT, registry.register(peer("a"), content("y"), address("127.0.0.1", 1)));
        registry.removePeer(peer("a"));
        assertEquals(RegistrationOutcome.REGISTERED, registry.register(peer("b"), content("x"), address("127.0.0.1", 2)));
    }

    @Test
    @DisplayName("IDX-REG-5: a refused registration does not move the peer to its new address (IDX-REG-4)")
    void refusedRegistrationKeepsTheAddress() {
        Registry registry = new LocalRegistry(IndexLimits.DEFAULTS.withMaxContentsPerPeer(1));
        registry.register(peer("a"), content("x"), address("127.0.0.1", 1));
        List<RegisteredPeer> before = registry.snapshot();
        assertEquals(RegistrationOutcome.CONTENT_LIMIT, registry.register(peer("a"), content("y"), address("10.0.0.9", 9)));
        assertEquals(before, registry.snapshot());
    }

    @Test
    @DisplayName("IDX-REG-5 over UDP: the E travels as a 101-byte PDU")
    void indexFullOverUdp() throws IOException {
        IndexOptions options = IndexOptions.ephemeralLoopback().withLimits(IndexLimits.DEFAULTS.withMaxPeers(1));
        try (IndexServer index = IndexServer.start(options); UdpClient client = new UdpClient(index.address());
                LogCapture log = new LogCapture()) {
            assertPdu(IndexReplies.ACK, client.exchange(registration("a", "x")));
            assertPdu(new ErrorReply("Index full: max peers (1) reached"),
                    client.exchange(registration("b", "x")));
            assertEquals(1, index.registry().peerCount());
            List<String> lines = log.take();
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("index-full from=127.0.0.1:"), lines.get(0));
        }
    }

    @Test
    @DisplayName("LIMIT-*: limits below 1 are rejected when configured")
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IndexLimits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new IndexLimits(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new IndexLimits(1, 1, -5));
    }
}
