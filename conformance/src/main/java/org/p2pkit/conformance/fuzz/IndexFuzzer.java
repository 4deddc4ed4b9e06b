package org.p2pkit.conformance.fuzz;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.p2pkit.conformance.roles.UdpRoles;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchRequest;

/**
 * Sends many random and mutated datagrams to an index, reproducibly from a seed, checking that
 * every reply is a whole PDU (FRAME-4) and that the index keeps answering (RECV-1). A finding names
 * the seed, the input's number and its exact bytes, so the run can be replayed.
 */
public final class IndexFuzzer {
    /** Inputs between two checks that the target still answers. */
    private static final int BATCH = 25;
    /** Replies to the batch have stopped coming when none came for this long. */
    private static final int QUIET_MILLIS = 30;

    private final IndexTarget target;
    private final int replyTimeoutMillis;

    public IndexFuzzer(IndexTarget target, int replyTimeoutMillis) {
        this.target = target;
        this.replyTimeoutMillis = replyTimeoutMillis;
    }

    /** What a fuzz run found; empty findings mean the target survived every input. */
    public record Result(long seed, int sent, List<String> findings, String cleanup) {
        public boolean survived() {
            return findings.isEmpty();
        }
    }

    public Result run(long seed, int count) throws IOException {
        Inputs inputs = new Inputs(seed);
        List<String> findings = new ArrayList<>();
        List<byte[]> sinceProbe = new ArrayList<>();
        Set<PeerName> registered = new LinkedHashSet<>();
        int sent = 0;
        String cleanup;
        try (DatagramSocket socket = UdpRoles.clientSocket(target.address())) {
            for (int n = 1; n <= count; n++) {
                byte[] input = inputs.next();
                socket.send(new DatagramPacket(input, input.length, target.address()));
                sent = n;
                sinceProbe.add(input);
                registrant(input).ifPresent(registered::add);
                drainReplies(socket, 1, seed, n, input, findings);
                if (n % BATCH == 0 || n == count) {
                    drainReplies(socket, QUIET_MILLIS, seed, n, input, findings);
                    if (!answers(socket)) {
                        int first = n - sinceProbe.size() + 1;
                        findings.add(pinpoint(seed, first, n).orElse(String.format(
                                "the target stopped answering after input %d (seed %d); one of the last %d inputs stopped it:%n%s",
                                n, seed, sinceProbe.size(), hexLines(sinceProbe, first))));
                        break;
                    }
                    sinceProbe.clear();
                }
                if (findings.size() >= 10) {
                    break;
                }
            }
            cleanup = FuzzCleanup.run(socket, target.address(), registered, replyTimeoutMillis);
        }
        return new Result(seed, sent, findings, cleanup);
    }

    /**
     * Finds the one input that stops the target: on a fresh start, replays the inputs before the
     * batch, then the batch one input at a time with a check after each. Empty when the target
     * cannot be restarted or the stop does not happen again.
     */
    private Optional<String> pinpoint(long seed, int first, int last) throws IOException {
        if (!target.restart()) {
            return Optional.empty();
        }
        Inputs inputs = new Inputs(seed);
        try (DatagramSocket socket = UdpRoles.clientSocket(target.address())) {
            for (int n = 1; n <= last; n++) {
                byte[] input = inputs.next();
                socket.send(new DatagramPacket(input, input.length, target.address()));
                drainReplies(socket, 1, seed, n, input, new ArrayList<>());
                if (n >= first) {
                    drainReplies(socket, QUIET_MILLIS, seed, n, input, new ArrayList<>());
                    if (!answers(socket)) {
                        return Optional.of(String.format("input %d (seed %d) stops the target; replaying inputs 1 to %d on a fresh start"
                                + " stops it again. The input:%n  #%d %s", n, seed, n, n, HexFormat.of().formatHex(input)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The peer an input registers if the index takes it, so that the run can remove it after. */
    private static Optional<PeerName> registrant(byte[] input) {
        try {
            return PduCodec.decode(input, Direction.REQUEST) instanceof Registration r ? Optional.of(r.peer()) : Optional.empty();
        } catch (MalformedPduException e) {
            return Optional.empty();
        }
    }

    /** Replies to fuzz input may be anything the spec allows, but each must be one whole PDU. */
    private void drainReplies(DatagramSocket socket, int quietMillis, long seed, int n, byte[] input, List<String> findings) throws IOException {
        socket.setSoTimeout(quietMillis);
        byte[] buffer = new byte[65_535];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (packet.getLength() != PduCodec.PDU_SIZE) {
                findings.add(String.format("a reply of %d bytes (FRAME-4) to input %d (seed %d): %s",
                        packet.getLength(), n, seed, HexFormat.of().formatHex(input)));
            }
        }
    }

    /** Any reply to a search, after the replies to the batch have died down, shows the target alive. */
    private boolean answers(DatagramSocket socket) throws IOException {
        byte[] probe = PduCodec.encode(new SearchRequest(new PeerName("fuzzprobe"), new ContentName("fuzzprobe")));
        socket.send(new DatagramPacket(probe, probe.length, target.address()));
        socket.setSoTimeout(replyTimeoutMillis);
        try {
            socket.receive(new DatagramPacket(new byte[65_535], 65_535));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static String hexLines(List<byte[]> inputs, int first) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            out.append(String.format("  #%d %s%n", first + i, HexFormat.of().formatHex(inputs.get(i))));
        }
        return out.toString();
    }

    /** The deterministic input sequence of one seed. */
    static final class Inputs {
        private static final byte[] LETTERS = "RSTOADCEFXZ".getBytes();
        private final Random random;

        Inputs(long seed) {
            this.random = new Random(seed);
        }

        byte[] next() {
            return switch (random.nextInt(5)) {
                case 0 -> randomBytes(random.nextInt(PduCodec.PDU_SIZE * 2));
                case 1 -> mutate(validRequest());
                case 2 -> Arrays.copyOf(validRequest(), random.nextInt(PduCodec.PDU_SIZE * 2));
                case 3 -> withType(randomText(), LETTERS[random.nextInt(LETTERS.length)]);
                default -> mutate(withType(validRequest(), LETTERS[random.nextInt(LETTERS.length)]));
            };
        }

        private byte[] validRequest() {
            PeerName peer = new PeerName("fz" + random.nextInt(1000));
            ContentName content = new ContentName("fc" + random.nextInt(100));
            Message m = switch (random.nextInt(6)) {
                case 0 -> new Registration(peer, content, new PeerAddress("127.0.0.1", 1 + random.nextInt(65535)));
                case 1 -> new SearchRequest(peer, content);
                case 2 -> new ContentDeregistration(peer, content);
                case 3 -> new PeerDeregistration(peer);
                case 4 -> new ListRequest(peer, random.nextInt(3) == 0 ? random.nextInt(100) : 0);
                default -> new SearchRequest(peer, content);
            };
            return PduCodec.encode(m);
        }

        private byte[] mutate(byte[] pdu) {
            byte[] copy = pdu.clone();
            int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes && copy.length > 0; i++) {
                int at = random.nextInt(copy.length);
                copy[at] = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> (byte) ",/* ".charAt(random.nextInt(4));
                    case 2 -> (byte) (0x80 + random.nextInt(0x80));
                    default -> (byte) random.nextInt(256);
                };
            }
            return copy;
        }

        private byte[] randomText() {
            byte[] bytes = new byte[PduCodec.PDU_SIZE];
            int length = random.nextInt(PduCodec.PDU_SIZE);
            for (int i = 1; i < length; i++) {
                bytes[i] = (byte) (0x20 + random.nextInt(0x5f));
            }
            return bytes;
        }

        private static byte[] withType(byte[] pdu, byte type) {
            if (pdu.length > 0) {
                pdu[0] = type;
            }
            return pdu;
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }
    }
}
