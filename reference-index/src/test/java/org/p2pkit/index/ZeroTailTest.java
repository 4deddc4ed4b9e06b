package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchRequest;

/**
 * SEC-16: every byte after the NUL of every PDU the index sends is zero, for every kind of reply,
 * long ones followed by short ones from the same thread, and replies sent after a probe.
 */
class ZeroTailTest {
    private static void assertZeroTail(byte[] pdu) {
        assertEquals(PduCodec.PDU_SIZE, pdu.length, "FRAME-4");
        int nul = Pdus.textOf(pdu).length() + 1;
        for (int i = nul + 1; i < pdu.length; i++) {
            int at = i;
            assertEquals(0, pdu[i], () -> "byte " + at + " after the NUL at " + nul + " of " + HexFormat.of().formatHex(pdu));
        }
    }

    /** The type letter, and for an E its text up to a colon or a digit. */
    private static String kind(byte[] pdu) {
        return pdu[0] == 'E' ? "E " + Pdus.textOf(pdu).split("[:0-9]")[0] : String.valueOf((char) pdu[0]);
    }

    @Test
    @DisplayName("SEC-16: A, every E, S hits, O entries and list ends all end in zeros")
    void everyReplyEndsInZeros() throws IOException {
        IndexOptions options = IndexOptions.ephemeralLoopback().withThreads(1)
                .withLimits(IndexLimits.DEFAULTS.withMaxContentsPerPeer(9));
        List<byte[]> replies = new ArrayList<>();
        try (IndexServer index = IndexServer.start(options);
                UdpClient alice = new UdpClient(index.address());
                UdpClient mallory = new UdpClient(index.address(), InetAddress.getByName("127.0.0.2"));
                UdpClient restarted = new UdpClient(index.address());
                ContentServers.Live server = new ContentServers.Live()) {
            for (int i = 1; i <= 9; i++) {
                replies.add(alice.exchange(new Registration(peer("alice"), content("c" + i), server.address())));
            }
            for (int i = 0; i < 12; i++) {
                index.registry().register(peer("p" + i), content("song"), address("127.0.0.1", 40000 + i));
            }
            replies.add(alice.exchange(new Registration(peer("alice"), content("c1"), server.address()))); // duplicate
            replies.add(alice.exchange(new Registration(peer("alice"), content("c10"), server.address()))); // full
            replies.addAll(alice.list(new ListRequest(peer("carol")))); // long entries, then a continuation
            replies.add(alice.exchange(new SearchRequest(peer("carol"), content("song")))); // a short hit after them
            replies.addAll(alice.list(new ListRequest(peer("carol"), 10)));
            replies.add(alice.exchange(new ContentDeregistration(peer("alice"), content("c9"))));
            replies.add(alice.exchange(new SearchRequest(peer("carol"), content("nope"))));
            replies.add(alice.exchange(Pdus.patched(Pdus.of(new SearchRequest(peer("carol"), content("x"))), 1, "\u00e9")));
            replies.add(alice.exchange(Pdus.resized(Pdus.of(new SearchRequest(peer("carol"), content("x"))), 150, (byte) 'x')));
            replies.add(mallory.exchange(new Registration(peer("bob"), content("song"), address("127.0.0.1", 1))));
            replies.add(mallory.exchange(new Registration(peer("alice"), content("zz"), address("127.0.0.2", 1)))); // after a probe
            index.registry().register(peer("dead"), content("x"), ContentServers.dead());
            replies.add(restarted.exchange(new Registration(peer("dead"), content("y"), server.address()))); // handed over after a probe
        }
        assertPdu(IndexReplies.NAME_IN_USE, replies.get(replies.size() - 2)); // sent when alice's probe passed
        assertPdu(IndexReplies.ACK, replies.get(replies.size() - 1)); // sent when dead's probe failed
        Set<String> kinds = new TreeSet<>();
        for (byte[] reply : replies) {
            assertZeroTail(reply);
            kinds.add(kind(reply));
        }
        assertEquals(Set.of("A", "O", "S", "E Address is not the sender's host", "E End of List all File",
                "E File already exist for the peer, did not register file again!", "E File not found!", "E Index full",
                "E List continues at ", "E Malformed PDU", "E Peer name in use from another address"), kinds);
    }
}
