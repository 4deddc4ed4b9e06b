package org.p2pkit.conformance.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentName;
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
 * An index written apart from the small index and the reference, as someone else would: holders
 * kept per content, peers in a map of their own. Correct without a quirk; each quirk is a bug such
 * an index could have. It never hands a name over (SEC-5): exploration keeps every content server up.
 */
final class AnotherIndex implements IndexTarget {
    enum Quirk {
        NONE,
        /** On a tie of served counts it names the holder whose name sorts first, not the earliest registration (IDX-SEARCH-2). */
        TIE_BY_NAME,
        /** Keeps an empty holder list for a content whose last holder left, and its loop dies on a search for it. */
        DIES_ON_EMPTIED_CONTENT
    }

    private static final class Holder {
        final String peer;
        final long since;
        int served;

        Holder(String peer, long since) {
            this.peer = peer;
            this.since = since;
        }
    }

    private record Known(SocketAddress owner, PeerAddress address, List<String> contents) {
    }

    private final Quirk quirk;
    private DatagramSocket socket;
    private InetSocketAddress address;
    private Map<String, List<Holder>> holders;
    private Map<String, Known> peers;
    private long clock;

    AnotherIndex(Quirk quirk) {
        this.quirk = quirk;
        restart();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public java.util.Optional<String> ended() {
        return socket.isClosed() ? java.util.Optional.of("its loop died") : java.util.Optional.empty();
    }

    @Override
    public String describe() {
        return "another index (" + quirk + ")";
    }

    @Override
    public boolean restart() {
        close();
        holders = new HashMap<>();
        peers = new LinkedHashMap<>();
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        address = (InetSocketAddress) socket.getLocalSocketAddress();
        DatagramSocket mine = socket;
        Thread loop = new Thread(() -> serve(mine), "another-index");
        loop.setDaemon(true);
        loop.start();
        return true;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }

    private void serve(DatagramSocket mine) {
        byte[] buffer = new byte[1024];
        while (!mine.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                mine.receive(packet);
                for (Message reply : answer(Arrays.copyOf(buffer, packet.getLength()), packet.getSocketAddress())) {
                    byte[] out = PduCodec.encode(reply);
                    mine.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            } catch (RuntimeException e) {
                mine.close(); // the loop dies: the index stops answering
                return;
            }
        }
    }

    private List<Message> answer(byte[] datagram, SocketAddress from) {
        if (datagram.length < PduCodec.PDU_SIZE || !PduCodec.isIndexRequestType(datagram[0])) {
            return List.of();
        }
        if (datagram.length > PduCodec.PDU_SIZE) {
            return List.of(new ErrorReply("Malformed PDU: pdu at offset 0: " + datagram.length + " bytes"));
        }
        Message request;
        try {
            request = PduCodec.decode(datagram, Direction.REQUEST);
        } catch (MalformedPduException e) {
            return List.of(new ErrorReply("Malformed PDU: " + e.field() + " at offset " + e.offset() + ": invalid"));
        }
        if (request instanceof Registration r) {
            return List.of(register(r, from));
        }
        if (request instanceof SearchRequest s) {
            return List.of(search(s.content().value()));
        }
        if (request instanceof ContentDeregistration d) {
            Known known = peers.get(d.peer().value());
            if (known == null || !known.owner().equals(from) || !known.contents().remove(d.content().value())) {
                return List.of(new ErrorReply("File not found!"));
            }
            drop(d.peer().value(), d.content().value());
            if (known.contents().isEmpty()) {
                peers.remove(d.peer().value());
            }
            return List.of(Acknowledgement.EMPTY);
        }
        if (request instanceof PeerDeregistration p) {
            Known known = peers.get(p.peer().value());
            if (known != null && known.owner().equals(from)) {
                known.contents().forEach(c -> drop(p.peer().value(), c));
                peers.remove(p.peer().value());
            }
            return List.of();
        }
        return list(((ListRequest) request).start());
    }

    private Message register(Registration r, SocketAddress from) {
        if (!r.address().host().equals(((InetSocketAddress) from).getAddress().getHostAddress())) {
            return new ErrorReply("Address is not the sender's host");
        }
        String name = r.peer().value();
        Known known = peers.get(name);
        if (known != null && !known.owner().equals(from)) {
            return new ErrorReply("Peer name in use from another address");
        }
        if (known != null && known.contents().contains(r.content().value())) {
            return new ErrorReply("File already exist for the peer, did not register file again!");
        }
        Known now = new Known(from, r.address(), known == null ? new ArrayList<>() : known.contents());
        now.contents().add(r.content().value());
        peers.put(name, now);
        holders.computeIfAbsent(r.content().value(), c -> new ArrayList<>()).add(new Holder(name, clock++));
        return Acknowledgement.EMPTY;
    }

    private void drop(String peer, String content) {
        List<Holder> list = holders.get(content);
        list.removeIf(h -> h.peer.equals(peer));
        if (list.isEmpty() && quirk != Quirk.DIES_ON_EMPTIED_CONTENT) {
            holders.remove(content);
        }
    }

    private Message search(String content) {
        List<Holder> list = holders.get(content);
        if (list == null) {
            return new ErrorReply("File not found!");
        }
        Comparator<Holder> order = Comparator.comparingInt(h -> h.served);
        order = quirk == Quirk.TIE_BY_NAME ? order.thenComparing(h -> h.peer) : order.thenComparingLong(h -> h.since);
        List<Holder> sorted = new ArrayList<>(list);
        sorted.sort(order);
        Holder chosen = sorted.get(0); // an emptied content left behind throws here, and the loop dies
        chosen.served++;
        return new SearchHit(new PeerName(chosen.peer), peers.get(chosen.peer).address());
    }

    private List<Message> list(int start) {
        List<ListEntry> entries = new ArrayList<>();
        peers.forEach((name, known) -> {
            for (int i = 0; i < known.contents().size(); i += ListEntry.MAX_CONTENTS) {
                entries.add(new ListEntry(new PeerName(name), known.contents().subList(i, Math.min(known.contents().size(), i + ListEntry.MAX_CONTENTS))
                        .stream().map(ContentName::new).toList()));
            }
        });
        List<Message> page = new ArrayList<>();
        for (int i = start; i < entries.size() && i < start + 10; i++) {
            page.add(entries.get(i));
        }
        page.add(start + 10 < entries.size() ? new ListEnd(start + 10) : ListEnd.COMPLETE);
        return page;
    }
}
