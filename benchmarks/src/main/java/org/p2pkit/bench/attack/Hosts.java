package org.p2pkit.bench.attack;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback addresses as separate hosts (the whole of 127/8 is local on Linux), and free ports. */
final class Hosts {
    static final InetAddress TARGET = host(1);
    static final InetAddress ATTACKER = host(2);
    static final InetAddress VICTIM = host(3);

    private Hosts() {
    }

    static InetAddress host(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(TARGET, 0))) {
            return socket.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, TARGET)) {
            return socket.getLocalPort();
        }
    }
}
