package org.p2pkit.conformance.run;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.p2pkit.conformance.roles.ConsoleDriver;
import org.p2pkit.conformance.roles.UdpRoles;
import org.p2pkit.conformance.targets.PeerTarget;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;

/** Whether a target announces the extended profile (spec section 11.5): an index by keeping a stamp, a peer by registering one. */
public final class AnnouncedProfile {
    /** The stamp of the empty file: what the probe registers is never downloaded. */
    private static final ContentStamp EMPTY_FILE = new ContentStamp(0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    private AnnouncedProfile() {
    }

    /**
     * Registers a content with a stamp under a name of its own and asks whether the index answers
     * with a stamp-kept A (EXT-5); then removes the name again, from the same socket (SEC-4).
     */
    public static boolean index(InetSocketAddress index, int timeoutMillis) {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
        PeerName name = new PeerName("prof" + tag);
        try (DatagramSocket socket = UdpRoles.clientSocket(index)) {
            socket.connect(index); // the local address is then the one the index sees (SEC-6)
            socket.setSoTimeout(timeoutMillis);
            PeerAddress own = PeerAddress.of(new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort()));
            byte[] request = PduCodec.encode(new Registration(name, new ContentName("prof" + tag), own, Optional.of(EMPTY_FILE)));
            socket.send(new DatagramPacket(request, request.length));
            DatagramPacket reply = new DatagramPacket(new byte[PduCodec.PDU_SIZE + 1], PduCodec.PDU_SIZE + 1);
            boolean kept;
            try {
                socket.receive(reply);
                kept = stampKept(Arrays.copyOf(reply.getData(), reply.getLength()));
            } catch (SocketTimeoutException e) {
                kept = false;
            }
            byte[] leave = PduCodec.encode(new PeerDeregistration(name));
            socket.send(new DatagramPacket(leave, leave.length));
            return kept;
        } catch (IOException e) {
            return false; // an index that cannot be asked announces nothing; the cases say the rest
        }
    }

    /**
     * Starts a peer driven by the original console once and tells whether it registers with a
     * stamp; false when it cannot start, which its cases then show.
     */
    public static boolean peer(PeerTarget target, Path workRoot, int startupMillis) {
        try {
            return peer(PeerStartCheck.run(target, ConsoleDriver.CLASSIC, "{content}.txt", 0, workRoot, startupMillis).firstRequest());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a peer's first request to the index (null: none) is an R with a stamp (EXT-4). */
    public static boolean peer(byte[] firstRequest) {
        return firstRequest != null && decoded(firstRequest, Direction.REQUEST) instanceof Registration r && r.stamp().isPresent();
    }

    private static boolean stampKept(byte[] reply) {
        return decoded(reply, Direction.REPLY) instanceof Acknowledgement a && a.stampKept();
    }

    private static Message decoded(byte[] pdu, Direction direction) {
        try {
            return PduCodec.decode(pdu, direction);
        } catch (MalformedPduException e) {
            return null;
        }
    }
}
