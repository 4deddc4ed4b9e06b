package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;

/**
 * A UDP client of an index for tests: sends raw datagrams and takes replies with a bounded wait.
 * Every wait is bounded only to turn a lost or missing reply into a failure; no test measures time.
 */
final class UdpClient implements AutoCloseable {
    /** Long enough for any loaded machine; reached only when a reply is missing. */
    static final int REPLY_TIMEOUT_MILLIS = 5_000;
    /**
     * A read-only request whose only reply is the complete list end: a list from an entry far
     * past the end (IDX-LIST-5). Sent after a datagram that must not be answered, its reply is
     * the first thing that comes back when the first datagram got none (see {@link #assertNoReplyTo}).
     */
    static final byte[] FENCE = PduCodec.encode(new ListRequest(PeerName.of("fence"), 999_999_999));

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    UdpClient(InetSocketAddress server) {
        this(server, InetAddress.getLoopbackAddress());
    }

    /**
     * A client on {@code host}, a source host of its own: on Linux every address of 127/8 is local,
     * so 127.0.0.2 and 127.0.0.3 play other hosts (spec section 9: the source host is the IP address).
     */
    UdpClient(InetSocketAddress server, InetAddress host) {
        this.server = server;
        try {
            socket = new DatagramSocket(new InetSocketAddress(host, 0));
            socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source of this client's datagrams, as the index sees it. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(Message message) {
        send(PduCodec.encode(message));
    }

    /** The next datagram from the server, whatever its size; fails when none comes. */
    byte[] receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            do {
                socket.receive(packet);
            } while (!server.equals(packet.getSocketAddress())); // UDP-4: only the index's datagrams
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply from the index within " + REPLY_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** Sends a request and takes its single reply. */
    byte[] exchange(byte[] request) {
        send(request);
        return receive();
    }

    byte[] exchange(Message request) {
        return exchange(PduCodec.encode(request));
    }

    /** Sends a list request and takes the replies up to and including the closing E (IDX-LIST-3). */
    List<byte[]> list(ListRequest request) {
        send(request);
        List<byte[]> replies = new ArrayList<>();
        byte[] reply;
        do {
            reply = receive();
            replies.add(reply);
        } while (reply[0] == 'O' && replies.size() <= RequestHandler.LIST_PAGE_ENTRIES + 1);
        return replies;
    }

    /**
     * Sends {@code datagram}, then {@link #FENCE}, and checks that the fence's reply is the first
     * thing that comes back. Against an index served by one thread (requests handled in arrival
     * order, loopback keeps datagram order), this proves the datagram got no reply, without
     * waiting for a time.
     */
    void assertNoReplyTo(byte[] datagram) {
        send(datagram);
        send(FENCE);
        byte[] first = receive();
        assertNotNull(first);
        Message decoded = first.length == PduCodec.PDU_SIZE ? tryDecode(first) : null;
        assertEquals(ListEnd.COMPLETE, decoded,
                () -> "expected no reply, but got " + (char) first[0] + " \"" + Pdus.textOf(first) + "\"");
    }

    private static Message tryDecode(byte[] pdu) {
        try {
            return PduCodec.decode(pdu, Direction.REPLY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
