package org.p2pkit.conformance.roles;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.p2pkit.conformance.run.WireLog;
import org.p2pkit.model.Direction;

/**
 * The peers the harness plays against an index: one UDP socket per role, so each has its own port.
 * Roles placed on other hosts send from other loopback addresses, 127.0.0.2 on, so that an index
 * on loopback sees other source hosts (SEC-1 to SEC-6).
 */
public final class UdpRoles implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress target;
    private final WireLog log;
    private final Map<String, DatagramSocket> sockets = new LinkedHashMap<>();
    private final Map<String, InetAddress> hosts = new LinkedHashMap<>();
    private final byte[] buffer = new byte[MAX_DATAGRAM];

    public UdpRoles(InetSocketAddress target, WireLog log) {
        this.target = target;
        this.log = log;
    }

    /** Whether roles can act from other hosts: only toward a target on loopback, where 127/8 is all local. */
    public boolean otherHostsPossible() {
        return target.getAddress().isLoopbackAddress();
    }

    /** The roles, in order, send from 127.0.0.2, 127.0.0.3, ...; the others from the target's loopback address. */
    public void placeOnOtherHosts(List<String> roles) throws IOException {
        for (int i = 0; i < roles.size(); i++) {
            hosts.put(roles.get(i), InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
        }
    }

    /** The host a role sends from. */
    public InetAddress host(String role) {
        InetAddress host = hosts.get(role);
        return host != null ? host : target.getAddress().isLoopbackAddress() ? target.getAddress() : InetAddress.getLoopbackAddress();
    }

    public void send(String role, byte[] bytes) throws IOException {
        log.sent(role, bytes, Direction.REQUEST);
        socket(role).send(new DatagramPacket(bytes, bytes.length, target));
    }

    /** The next datagram from the target to the role, or null when none arrives in time. */
    public byte[] receive(String role, int timeoutMillis) throws IOException {
        byte[] bytes = receiveFrom(socket(role), target, timeoutMillis, buffer,
                other -> log.note(role, "ignored a datagram from " + other + ", not the target"));
        if (bytes != null) {
            log.received(role, bytes, Direction.REPLY);
        }
        return bytes;
    }

    /**
     * The next datagram from {@code from} on a socket, or null when none arrives in time (one wait
     * at least, however short the time); the source of any other datagram goes to {@code ignored}.
     */
    public static byte[] receiveFrom(DatagramSocket socket, InetSocketAddress from, int timeoutMillis, byte[] buffer,
                                     Consumer<SocketAddress> ignored) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (from.equals(packet.getSocketAddress())) {
                return Arrays.copyOf(packet.getData(), packet.getLength());
            }
            ignored.accept(packet.getSocketAddress());
            if (System.nanoTime() > deadline) {
                return null;
            }
        }
    }

    private DatagramSocket socket(String role) throws IOException {
        DatagramSocket socket = sockets.get(role);
        if (socket == null) {
            InetAddress host = hosts.get(role);
            socket = host == null ? clientSocket(target) : new DatagramSocket(new InetSocketAddress(host, 0));
            sockets.put(role, socket);
        }
        return socket;
    }

    /** A UDP socket on a free port, on loopback when the target is there. */
    public static DatagramSocket clientSocket(InetSocketAddress target) throws IOException {
        InetAddress local = target.getAddress().isLoopbackAddress() ? target.getAddress() : null;
        return new DatagramSocket(new InetSocketAddress(local, 0));
    }

    @Override
    public void close() {
        sockets.values().forEach(DatagramSocket::close);
        sockets.clear();
    }
}
