package org.p2pkit.conformance.fuzz;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;

/**
 * Takes out of a live index the peers a fuzz run registered (IDX-LEAVE-1), from the socket that
 * registered them, then walks the list (IDX-LIST-8) to check that none is left.
 */
final class FuzzCleanup {
    /** A list longer than this many pages is not walked to its end; the check then says so. */
    private static final int MAX_PAGES = 10_000;

    private FuzzCleanup() {
    }

    /** One line saying what was removed, or what is left and why. */
    static String run(DatagramSocket socket, InetSocketAddress index, Set<PeerName> registered, int timeoutMillis) throws IOException {
        if (registered.isEmpty()) {
            return "cleanup: the inputs registered no peer";
        }
        for (PeerName peer : registered) {
            send(socket, index, PduCodec.encode(new PeerDeregistration(peer)));
        }
        Set<PeerName> listed = new LinkedHashSet<>();
        String incomplete = walkList(socket, index, timeoutMillis, listed);
        Set<PeerName> left = registered.stream().filter(listed::contains).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!left.isEmpty()) {
            return "cleanup FAILED: " + left.size() + " of the " + registered.size() + " peers the inputs registered are still listed: "
                    + left.stream().map(PeerName::value).collect(Collectors.joining(", "));
        }
        return incomplete != null
                ? "cleanup: sent a leave for each of the " + registered.size() + " peers the inputs registered, but could not check: " + incomplete
                : "cleanup: removed the " + registered.size() + " peers the inputs registered; none is listed";
    }

    /** Collects the peers of the whole list; null when it was walked to its end, else why not. */
    private static String walkList(DatagramSocket socket, InetSocketAddress index, int timeoutMillis, Set<PeerName> listed) throws IOException {
        int start = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            send(socket, index, PduCodec.encode(new ListRequest(new PeerName("fuzzclean"), start)));
            ListEnd end = null;
            socket.setSoTimeout(timeoutMillis);
            while (end == null) {
                DatagramPacket packet = new DatagramPacket(new byte[PduCodec.PDU_SIZE * 2], PduCodec.PDU_SIZE * 2);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return "the list got no end marker within " + timeoutMillis + " ms";
                }
                Message reply;
                try {
                    reply = PduCodec.decode(Arrays.copyOf(packet.getData(), packet.getLength()), Direction.REPLY);
                } catch (MalformedPduException e) {
                    continue; // as below
                }
                if (reply instanceof ListEntry entry) {
                    listed.add(entry.peer());
                } else if (reply instanceof ListEnd e) {
                    end = e;
                } // anything else is a late reply to a fuzz input or to a leave
            }
            if (end.isComplete()) {
                return null;
            }
            start = end.continueAt();
        }
        return "the list is longer than " + MAX_PAGES + " pages";
    }

    private static void send(DatagramSocket socket, InetSocketAddress index, byte[] pdu) throws IOException {
        socket.send(new DatagramPacket(pdu, pdu.length, index));
    }
}
