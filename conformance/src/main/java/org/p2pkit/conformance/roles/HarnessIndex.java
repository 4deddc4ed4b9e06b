package org.p2pkit.conformance.roles;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.p2pkit.conformance.run.CaseFailure;
import org.p2pkit.conformance.run.WireLog;
import org.p2pkit.model.Direction;

/** The index the harness plays for a peer under test: it records requests and sends scripted replies. */
public final class HarnessIndex implements AutoCloseable {
    private final DatagramSocket socket;
    private final WireLog log;
    private SocketAddress lastSender;

    public HarnessIndex(int port, WireLog log) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.log = log;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The next datagram the target sends, or null when none comes in time. */
    public byte[] receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        lastSender = packet.getSocketAddress();
        byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
        log.received("index", bytes, Direction.REQUEST);
        return bytes;
    }

    /**
     * Answers whoever sent the last request: from the index's port, or from a stranger's, which a
     * client must ignore (UDP-4).
     */
    public void reply(byte[] bytes, boolean fromStranger) throws IOException, CaseFailure {
        if (lastSender == null) {
            throw new CaseFailure("the script replies before the target sent anything to the index");
        }
        if (fromStranger) {
            log.sent("stranger", bytes, Direction.REPLY);
            try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                stranger.send(new DatagramPacket(bytes, bytes.length, lastSender));
            }
            return;
        }
        log.sent("index", bytes, Direction.REPLY);
        socket.send(new DatagramPacket(bytes, bytes.length, lastSender));
    }

    @Override
    public void close() {
        socket.close();
    }
}
