package org.p2pkit.bench.attack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.p2pkit.model.Direction;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;

/** One UDP socket on a given host that talks to the index: a peer, an attacker or a victim. */
final class UdpHost implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress index;
    private final byte[] buffer = new byte[2048];
    private long bytesReceived;

    UdpHost(InetAddress host, InetSocketAddress index) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(host, 0));
        this.index = index;
        socket.setReceiveBufferSize(4 << 20);
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(Message message) throws IOException {
        send(PduCodec.encode(message));
    }

    void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, index));
    }

    /** The next reply, or null when none comes within {@code millis}. */
    Message receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        bytesReceived += packet.getLength();
        return PduCodec.decode(Arrays.copyOf(packet.getData(), packet.getLength()), Direction.REPLY);
    }

    /** Sends and waits for the first reply; null when none comes in time. */
    Message ask(Message message, int millis) throws IOException {
        send(message);
        return receive(millis);
    }

    long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public void close() {
        socket.close();
    }
}
