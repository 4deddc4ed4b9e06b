package org.p2pkit.conformance.faulty;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * A small index for the suite's own tests: correct with no faults, and deliberately wrong in the
 * ways its {@link Fault}s name, to prove that each conformance case can fail. Its registry is a
 * plain list scanned on every request: simple enough to trust by reading.
 */
public final class SmallIndex implements IndexTarget {
    private final Set<Fault> faults;
    private final DatagramSocket socket;
    private final InetSocketAddress address;
    private final Thread loop;
    private final List<Holding> holdings = new ArrayList<>();
    /** Each known peer's address, in the order the peers entered the index (IDX-LIST-6). */
    private final Map<String, PeerAddress> addresses = new LinkedHashMap<>();
    /** With SERVED_SURVIVES_REREGISTRATION: the served count of each removed registration. */
    private final Map<String, Integer> pastServed = new HashMap<>();
    /** The source that registered each peer name first (SEC-1). */
    private final Map<String, SocketAddress> owners = new HashMap<>();
    private long sequence;
    private volatile boolean hung;

    private static final class Holding {
        final String peer;
        final String content;
        final long registered;
        int served;
        Optional<ContentStamp> stamp;

        Holding(String peer, String content, long registered, Optional<ContentStamp> stamp) {
            this.peer = peer;
            this.content = content;
            this.registered = registered;
            this.stamp = stamp;
        }
    }

    private SmallIndex(Set<Fault> faults) throws SocketException {
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.address = (InetSocketAddress) socket.getLocalSocketAddress();
        this.loop = new Thread(this::serve, "small-index");
        loop.setDaemon(true);
        loop.start();
    }

    public static SmallIndex start(Set<Fault> faults) throws SocketException {
        return new SmallIndex(faults);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public java.util.Optional<String> ended() {
        return socket.isClosed() ? java.util.Optional.of("crashed (its socket closed)") : java.util.Optional.empty();
    }

    @Override
    public String describe() {
        return "small index " + (faults.isEmpty() ? "(correct)" : faults);
    }

    @Override
    public void close() {
        socket.close();
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (hung) {
                continue;
            }
            byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
            if (faults.contains(Fault.CRASH_ON_LIST) && bytes.length > 0 && bytes[0] == 'O') {
                socket.close();
                return;
            }
            if (faults.contains(Fault.HANG_ON_DEREGISTRATION) && bytes.length > 0 && bytes[0] == 'T') {
                hung = true;
                continue;
            }
            for (Message reply : handle(bytes, packet.getSocketAddress())) {
                send(reply, packet.getSocketAddress());
            }
        }
    }

    private void send(Message reply, SocketAddress to) {
        byte[] bytes = PduCodec.encode(reply);
        if (faults.contains(Fault.SHORT_REPLIES)) {
            bytes = Arrays.copyOf(bytes, 60);
        }
        if (faults.contains(Fault.LEFTOVER_TAILS)) {
            // as the original index: the rest of an earlier, longer message after the NUL
            byte[] leftover = "File already exist for the peer, did not register file again!".getBytes();
            for (int i = bytes.length - 1; i > 0 && bytes[i] == 0 && bytes[i - 1] == 0; i--) {
                bytes[i] = leftover[i % leftover.length];
            }
        }
        if (faults.contains(Fault.UNPADDED_HOLDER) && reply instanceof SearchHit hit) {
            bytes = Arrays.copyOf(("S" + hit.holder().value() + "/" + hit.address()).getBytes(), PduCodec.PDU_SIZE);
        }
        if (faults.contains(Fault.UNPADDED_LIST_NAMES) && reply instanceof ListEntry entry) {
            StringBuilder text = new StringBuilder("O").append(entry.peer().value());
            for (int i = 0; i < ListEntry.MAX_CONTENTS; i++) {
                text.append('/').append(i < entry.contents().size() ? entry.contents().get(i).value() : "");
            }
            bytes = Arrays.copyOf(text.toString().getBytes(), PduCodec.PDU_SIZE);
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            // the client went away; nothing to do
        }
    }

    List<Message> handle(byte[] bytes, SocketAddress source) {
        if (bytes.length == 0 || !PduCodec.isIndexRequestType(bytes[0])) {
            return faults.contains(Fault.ANSWERS_EVERYTHING) ? List.of(new ErrorReply("Malformed PDU: not a request")) : List.of();
        }
        if (bytes.length < PduCodec.PDU_SIZE) {
            return faults.contains(Fault.ANSWERS_EVERYTHING) ? List.of(new ErrorReply("Malformed PDU: short")) : List.of();
        }
        byte[] pdu = bytes;
        if (bytes.length > PduCodec.PDU_SIZE) {
            if (!faults.contains(Fault.ACCEPTS_LONG_DATAGRAMS)) {
                return List.of(new ErrorReply("Malformed PDU: datagram of " + bytes.length + " bytes"));
            }
            pdu = Arrays.copyOf(bytes, PduCodec.PDU_SIZE);
        }
        if (faults.contains(Fault.TAIL_MUST_BE_ZERO)) {
            int nul = 1;
            while (nul < pdu.length && pdu[nul] != 0) {
                nul++;
            }
            for (int i = nul; i < pdu.length; i++) {
                if (pdu[i] != 0) {
                    return List.of(new ErrorReply("Malformed PDU: bytes after the NUL"));
                }
            }
        }
        Message request;
        try {
            request = PduCodec.decode(pdu, Direction.REQUEST);
        } catch (MalformedPduException e) {
            String reason = "Malformed PDU: " + e.field() + " at offset " + e.offset() + ": " + e.problem().replaceAll("[^\\x20-\\x7e]", "?");
            return faults.contains(Fault.SILENT_ON_MALFORMED) ? List.of() : List.of(new ErrorReply(reason.substring(0, Math.min(reason.length(), 99)))); // TEXT-2
        }
        if (faults.contains(Fault.TRUSTS_BAD_CHECK) && request instanceof Registration r && r.stamp().isEmpty()) {
            request = new Registration(r.peer(), r.content(), r.address(), stampIgnoringCheck(pdu));
        }
        synchronized (this) {
            return answer(request, source);
        }
    }

    private List<Message> answer(Message request, SocketAddress source) {
        if (request instanceof Registration r) {
            return register(r, source);
        } else if (request instanceof SearchRequest s) {
            return faults.contains(Fault.SILENT_ON_SEARCH) ? List.of() : search(s);
        } else if (request instanceof ContentDeregistration d) {
            return foreign(d.peer().value(), source) ? List.of(new ErrorReply("File not found!")) : deregister(d);
        } else if (request instanceof PeerDeregistration p) {
            if (!faults.contains(Fault.IGNORES_LEAVE) && !foreign(p.peer().value(), source)) {
                forget(p.peer().value());
            }
            return faults.contains(Fault.ANSWERS_LEAVE) ? List.of(Acknowledgement.EMPTY) : List.of();
        } else if (request instanceof ListRequest l) {
            return list(l);
        }
        return List.of();
    }

    /** TRUSTS_BAD_CHECK: a tail that starts with the marker is read as a stamp (spec section 11.1), whatever its check. */
    private static Optional<ContentStamp> stampIgnoringCheck(byte[] pdu) {
        int block = 1;
        while (pdu[block] != 0) {
            block++;
        }
        ByteBuffer tail = ByteBuffer.wrap(pdu, block + 1, pdu.length - block - 1);
        if (tail.remaining() < 45 || tail.get() != (byte) 0xE5 || tail.get() != 'X' || tail.get() != '1' || tail.get() != 40) {
            return Optional.empty();
        }
        long size = tail.getLong();
        byte[] digest = new byte[ContentStamp.DIGEST_BYTES];
        tail.get(digest);
        return Optional.of(ContentStamp.of(Math.max(0, size), digest));
    }

    /** A T about a name that another source owns changes nothing (SEC-3, SEC-4). */
    private boolean foreign(String peer, SocketAddress source) {
        return !faults.contains(Fault.FOREIGN_DEREGISTRATION) && owners.containsKey(peer) && !owners.get(peer).equals(source);
    }

    private void forget(String peer) {
        holdings.stream().filter(h -> h.peer.equals(peer)).forEach(this::remember);
        holdings.removeIf(h -> h.peer.equals(peer));
        addresses.remove(peer);
        owners.remove(peer);
    }

    private List<Message> register(Registration r, SocketAddress source) {
        String peer = r.peer().value();
        String content = r.content().value();
        if (!faults.contains(Fault.NO_ADDRESS_CHECK) && !r.address().host().equals(((InetSocketAddress) source).getAddress().getHostAddress())) {
            return List.of(new ErrorReply("Address is not the sender's host")); // SEC-6
        }
        if (owners.containsKey(peer) && !owners.get(peer).equals(source) && !faults.contains(Fault.FOREIGN_READDRESSING)) {
            if (faults.contains(Fault.NO_HANDOVER) || accepts(addresses.get(peer))) {
                return List.of(new ErrorReply("Peer name in use from another address")); // SEC-2
            }
            forget(peer); // SEC-5: the owner's content server is gone
        }
        owners.putIfAbsent(peer, source);
        Optional<ContentStamp> stamp = faults.contains(Fault.FORGETS_STAMP) ? Optional.empty() : r.stamp();
        Holding known = holdings.stream().filter(h -> h.peer.equals(peer) && h.content.equals(content)).findFirst().orElse(null);
        if (known != null && faults.contains(Fault.DUPLICATE_REPLACES_STAMP)) {
            known.stamp = stamp;
        }
        if (known != null && !faults.contains(Fault.ACCEPTS_DUPLICATES)) {
            return List.of(new ErrorReply("File already exist for the peer, did not register file again!"));
        }
        if (known == null && !(faults.contains(Fault.ONE_HOLDER_PER_CONTENT) && holdings.stream().anyMatch(h -> h.content.equals(content)))) {
            Holding holding = new Holding(peer, content, sequence++, stamp);
            holding.served = pastServed.getOrDefault(peer + "/" + content, 0);
            holdings.add(holding);
        }
        if (faults.contains(Fault.ONE_HOLDER_PER_CONTENT) && holdings.stream().anyMatch(h -> h.content.equals(content) && !h.peer.equals(peer))) {
            return List.of(new ErrorReply("File already exist"));
        }
        if (!faults.contains(Fault.FIRST_ADDRESS_WINS) || !addresses.containsKey(peer)) {
            addresses.put(peer, r.address());
        }
        if (faults.contains(Fault.ACK_IS_ERROR)) {
            return List.of(new ErrorReply("OK"));
        }
        // EXT-5: a kept stamp is acknowledged as kept
        return List.of(stamp.isPresent() || faults.contains(Fault.STAMP_KEPT_FOR_CLASSIC) ? Acknowledgement.STAMP_KEPT : Acknowledgement.EMPTY);
    }

    /** The probe of SEC-5: whether a content server accepts a connection. */
    private static boolean accepts(PeerAddress address) {
        if (address == null) {
            return false;
        }
        try (Socket probe = new Socket()) {
            probe.connect(address.toSocketAddress(), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<Message> search(SearchRequest s) {
        Comparator<Holding> rule = Comparator.<Holding>comparingInt(h -> h.served).thenComparingLong(h -> h.registered);
        if (faults.contains(Fault.MOST_SERVED)) {
            rule = Comparator.<Holding>comparingInt(h -> -h.served).thenComparingLong(h -> h.registered);
        }
        if (faults.contains(Fault.NEWEST_ON_TIE)) {
            rule = Comparator.<Holding>comparingInt(h -> h.served).thenComparingLong(h -> -h.registered);
        }
        Holding chosen = holdings.stream().filter(h -> h.content.equals(s.content().value())).min(rule).orElse(null);
        if (chosen == null) {
            return faults.contains(Fault.NOT_FOUND_SILENT) ? List.of() : List.of(new ErrorReply("File not found!"));
        }
        if (faults.contains(Fault.COUNTS_PER_PEER)) {
            holdings.stream().filter(h -> h.peer.equals(chosen.peer)).forEach(h -> h.served++);
        } else if (!faults.contains(Fault.NEVER_COUNTS)) {
            chosen.served++;
        }
        Optional<ContentStamp> stamp = faults.contains(Fault.STAMP_OF_FIRST_HOLDER)
                ? holdings.stream().filter(h -> h.content.equals(chosen.content)).findFirst().orElseThrow().stamp : chosen.stamp;
        return List.of(new SearchHit(new PeerName(chosen.peer), addresses.get(chosen.peer), stamp)); // EXT-6
    }

    private List<Message> deregister(ContentDeregistration d) {
        boolean removed;
        if (faults.contains(Fault.DEREGISTER_ACKS_ONLY)) {
            removed = holdings.stream().anyMatch(h -> h.peer.equals(d.peer().value()) && h.content.equals(d.content().value()));
        } else if (faults.contains(Fault.DEREGISTER_REMOVES_EVERY_HOLDER)) {
            removed = holdings.removeIf(h -> h.content.equals(d.content().value()));
        } else {
            holdings.stream().filter(h -> h.peer.equals(d.peer().value()) && h.content.equals(d.content().value())).forEach(this::remember);
            removed = holdings.removeIf(h -> h.peer.equals(d.peer().value()) && h.content.equals(d.content().value()));
        }
        // a peer whose last registration is removed is forgotten (IDX-DEREG-4)
        List.copyOf(addresses.keySet()).stream().filter(p -> holdings.stream().noneMatch(h -> h.peer.equals(p))).forEach(this::forget);
        return List.of(removed ? Acknowledgement.EMPTY : new ErrorReply("File not found!"));
    }

    /** A registration removed: remembered only by the fault that keeps its served count for a later one. */
    private void remember(Holding holding) {
        if (faults.contains(Fault.SERVED_SURVIVES_REREGISTRATION)) {
            pastServed.put(holding.peer + "/" + holding.content, holding.served);
        }
    }

    private List<Message> list(ListRequest l) {
        List<ListEntry> entries = new ArrayList<>();
        Map<String, List<ContentName>> byPeer = new LinkedHashMap<>();
        if (!faults.contains(Fault.LIST_BY_OLDEST_REGISTRATION) && !faults.contains(Fault.LIST_NEWEST_FIRST)) {
            addresses.keySet().forEach(peer -> byPeer.put(peer, new ArrayList<>())); // in the order the peers entered (IDX-LIST-6)
        }
        Comparator<Holding> order = Comparator.comparingLong(h -> h.registered);
        holdings.stream().sorted(faults.contains(Fault.LIST_NEWEST_FIRST) ? order.reversed() : order)
                .forEach(h -> byPeer.computeIfAbsent(h.peer, k -> new ArrayList<>()).add(new ContentName(h.content)));
        byPeer.forEach((peer, contents) -> {
            if (contents.isEmpty()) {
                return; // known, but refused its only registration: not a holder yet
            }
            for (int i = 0; i < contents.size(); i += ListEntry.MAX_CONTENTS) {
                entries.add(new ListEntry(new PeerName(peer), contents.subList(i, Math.min(contents.size(), i + ListEntry.MAX_CONTENTS))));
                if (faults.contains(Fault.DROPS_CONTENTS_PAST_EIGHT)) {
                    break;
                }
            }
        });
        int pageSize = faults.contains(Fault.NO_PAGING) ? Integer.MAX_VALUE : 10;
        int start = Math.min(l.start(), entries.size());
        int end = (int) Math.min((long) start + pageSize, entries.size());
        List<Message> replies = new ArrayList<>(entries.subList(start, end));
        if (!faults.contains(Fault.NO_LIST_END)) {
            replies.add(end < entries.size() ? new ListEnd(end) : ListEnd.COMPLETE);
        }
        return replies;
    }
}
