package org.p2pkit.conformance.explore;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.p2pkit.conformance.roles.StandInServers;
import org.p2pkit.conformance.roles.UdpRoles;
import org.p2pkit.conformance.run.CaseNames;

/**
 * The peers an exploration plays: each has its own UDP socket on a loopback host of its own
 * (127.0.0.2, 127.0.0.3, ..., as the exchange format's {@code other_hosts} places roles) and a
 * content server on that host that accepts the index's probes (SEC-5, SEC-7).
 */
final class SimulatedPeers implements AutoCloseable {
    static final int COUNT = 8;
    private static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress target;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final StandInServers servers = new StandInServers();
    private final byte[] buffer = new byte[MAX_DATAGRAM];

    /** Opens the sockets and servers; each server's address becomes {@code $role} in {@code names}. */
    SimulatedPeers(InetSocketAddress target, CaseNames names) throws IOException {
        this.target = target;
        try {
            for (int i = 0; i < COUNT; i++) {
                InetAddress host = host(i);
                sockets.add(new DatagramSocket(new InetSocketAddress(host, 0)));
                names.serves(role(i), servers.start(role(i), host));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The role name of a simulated peer in scripts, and the peer name it registers first. */
    static String role(int actor) {
        return "p" + (actor + 1);
    }

    private static InetAddress host(int actor) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + actor)});
    }

    void send(int actor, byte[] bytes) throws IOException {
        sockets.get(actor).send(new DatagramPacket(bytes, bytes.length, target));
    }

    /** The next datagram from the target to this peer, or null when none comes in time. */
    byte[] receive(int actor, int timeoutMillis) throws IOException {
        return UdpRoles.receiveFrom(sockets.get(actor), target, timeoutMillis, buffer, other -> { });
    }

    @Override
    public void close() {
        sockets.forEach(DatagramSocket::close);
        servers.close();
    }
}
