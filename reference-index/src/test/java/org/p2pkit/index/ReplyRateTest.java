package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * SEC-9: the replies to one source host are limited per second; requests over the limit are
 * dropped with no reply and no change, and other hosts are answered meanwhile. The tests use a
 * rate of {@value #PER_SECOND} replies per second in bursts of {@value #BURST}.
 */
class ReplyRateTest {
    private static final int PER_SECOND = 20;
    private static final int BURST = 30;
    private static final int FLOOD = 200;

    /** Counts the datagrams that arrive on {@code socket} until none comes for a while. */
    private static int countReplies(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(500);
        int replies = 0;
        try {
            while (true) {
                socket.receive(new DatagramPacket(new byte[2048], 2048));
                replies++;
            }
        } catch (SocketTimeoutException e) {
            return replies;
        }
    }

    @Test
    @DisplayName("SEC-9: a flood of registrations from one host gets at most the burst and the rate, the excess "
            + "changes nothing, and another host is answered meanwhile")
    void floodFromOneHostIsCutAndOthersAreAnswered() throws IOException {
        IndexOptions options = IndexOptions.ephemeralLoopback().withReplyRate(new ReplyRate(PER_SECOND, BURST));
        try (IndexServer index = IndexServer.start(options);
                DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                UdpClient other = new UdpClient(index.address(), InetAddress.getByName("127.0.0.3"))) {
            long start = System.nanoTime();
            for (int i = 0; i < FLOOD; i++) {
                send(flooder, index, new Registration(peer("flood"), content("c" + i), address("127.0.0.2", 40000)));
            }
            assertPdu(IndexReplies.ACK,
                    other.exchange(new Registration(peer("other"), content("song"), address("127.0.0.3", 40000))));
            assertPdu(new SearchHit(peer("other"), address("127.0.0.3", 40000)),
                    other.exchange(new SearchRequest(peer("other"), content("song"))));
            double seconds = (System.nanoTime() - start) / 1e9;

            int answered = countReplies(flooder);
            int allowed = BURST + (int) Math.ceil((seconds + 0.5) * PER_SECOND);
            assertTrue(answered >= BURST && answered <= allowed,
                    () -> answered + " replies to the flooder; expected " + BURST + " to " + allowed);
            assertEquals(answered + 1, index.registry().registrationCount(), "each dropped request changed nothing");
        }
    }

    @Test
    @DisplayName("SEC-9: a list page counts every reply it sends; the host is refused until its budget refills")
    void listRepliesAreCountedEach() throws IOException {
        IndexOptions options = IndexOptions.ephemeralLoopback().withReplyRate(new ReplyRate(1, 12));
        try (IndexServer index = IndexServer.start(options);
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < 10; i++) {
                index.registry().register(peer("p" + i), content("song"), address("127.0.0.1", 40000 + i));
            }
            send(client, index, new ListRequest(peer("carol")));
            send(client, index, new SearchRequest(peer("carol"), content("nope")));
            assertEquals(12, countReplies(client), "10 entries, the end marker, the search's E: a burst of 12");
            send(client, index, new SearchRequest(peer("carol"), content("nope")));
            assertEquals(0, countReplies(client), "the next request is dropped");
        }
    }

    private static void send(DatagramSocket socket, IndexServer index, Message message) throws IOException {
        byte[] pdu = Pdus.of(message);
        socket.send(new DatagramPacket(pdu, pdu.length, index.address()));
    }
}
