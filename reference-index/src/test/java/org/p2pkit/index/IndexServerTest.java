package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/** The library API: start on a free port, answer each source, stop and free the port. */
class IndexServerTest {
    @Test
    @DisplayName("port 0 picks a free port that address() reports; close() stops the index and frees the port")
    void closeFreesThePort() throws IOException {
        IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback());
        InetSocketAddress where = index.address();
        assertNotEquals(0, where.getPort());
        assertEquals(InetAddress.getLoopbackAddress(), where.getAddress());
        assertTrue(index.isOpen());
        index.close();
        assertFalse(index.isOpen());
        index.close(); // idempotent
        try (DatagramSocket reuse = new DatagramSocket(where)) {
            assertEquals(where.getPort(), reuse.getLocalPort());
        }
        try (IndexServer again = IndexServer.start(IndexOptions.ephemeralLoopback().withPort(where.getPort()))) {
            assertEquals(where, again.address());
        }
    }

    @Test
    @DisplayName("a taken port fails to start with a BindException that names the address")
    void takenPortFailsNamingTheAddress() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            BindException e = assertThrows(BindException.class,
                    () -> IndexServer.start(IndexOptions.ephemeralLoopback().withPort(taken.getLocalPort())));
            assertTrue(e.getMessage().contains("udp 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    @DisplayName("each reply goes back to the source of its request")
    void repliesGoToTheirSource() throws IOException {
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback());
                UdpClient alice = new UdpClient(index.address());
                UdpClient bob = new UdpClient(index.address())) {
            assertPdu(IndexReplies.ACK, alice.exchange(new Registration(peer("alice"), content("song"), address("127.0.0.1", 1))));
            alice.send(new SearchRequest(peer("alice"), content("nope")));
            bob.send(new SearchRequest(peer("bob"), content("song")));
            assertPdu(new SearchHit(peer("alice"), address("127.0.0.1", 1)), bob.receive());
            assertPdu(IndexReplies.NOT_FOUND, alice.receive());
        }
    }

    @Test
    @DisplayName("the registry of a running index is the one it answers from")
    void registryIsShared() throws IOException {
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback());
                UdpClient client = new UdpClient(index.address())) {
            index.registry().register(peer("alice"), content("song"), address("127.0.0.1", 1));
            assertPdu(new SearchHit(peer("alice"), address("127.0.0.1", 1)),
                    client.exchange(new SearchRequest(peer("carol"), content("song"))));
            assertEquals(1, index.registry().snapshot().get(0).contents().get(0).served());
        }
    }

    @Test
    @DisplayName("options are checked when made")
    void optionsAreChecked() {
        IndexOptions options = IndexOptions.defaults();
        assertEquals(IndexOptions.CLASSIC_PORT, options.port());
        assertTrue(options.bind().isAnyLocalAddress());
        assertThrows(IllegalArgumentException.class, () -> options.withPort(65536));
        assertThrows(IllegalArgumentException.class, () -> options.withPort(-1));
        assertThrows(IllegalArgumentException.class, () -> options.withThreads(0));
    }
}
