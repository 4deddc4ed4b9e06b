package org.p2pkit.conformance.targets;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;
import org.p2pkit.conformance.roles.UdpRoles;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchRequest;

/** Readiness of an index the harness started, seen on the wire: it answers a search. */
public final class IndexProbe {
    private IndexProbe() {
    }

    /** Polls with a search until anything answers, the time is up, or {@code alive} turns false. */
    public static boolean awaitAnswer(InetSocketAddress address, int startupMillis, BooleanSupplier alive) {
        byte[] probe = PduCodec.encode(new SearchRequest(new PeerName("ready"), new ContentName("ready")));
        long deadline = System.nanoTime() + startupMillis * 1_000_000L;
        try (DatagramSocket socket = UdpRoles.clientSocket(address)) {
            socket.setSoTimeout(100);
            while (System.nanoTime() < deadline && alive.getAsBoolean()) {
                socket.send(new DatagramPacket(probe, probe.length, address));
                try {
                    socket.receive(new DatagramPacket(new byte[512], 512));
                    return true;
                } catch (SocketTimeoutException e) {
                    // not up yet
                } catch (IOException e) {
                    pause(); // ICMP port unreachable while it starts
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
