package org.p2pkit.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
 * A small scripted index for tests: a UDP socket on a free loopback port, an in-memory registry
 * that keeps stamps as an extended index does (EXT-5, EXT-6), with the classic replies (fewest served downloads wins a search, oldest registration breaks a
 * tie), and a record of every request it received, in order. Faults are switches: silent, drop
 * the next replies, page size; or a script that replaces the registry.
 */
final class FakeIndex implements AutoCloseable {
    private record Entry(PeerName peer, ContentName content, PeerAddress address, int served, Optional<ContentStamp> stamp) {
    }

    private final DatagramSocket socket;
    private final Thread loop;
    private final BlockingQueue<Message> incoming = new LinkedBlockingQueue<>();
    private final List<Message> received = new ArrayList<>();
    private final List<byte[]> datagrams = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final List<Entry> registry = new ArrayList<>();
    private final AtomicInteger repliesToDrop = new AtomicInteger();
    private volatile boolean silent;
    private volatile int pageSize = 10;
    private volatile Function<Message, List<Message>> script;

    private FakeIndex() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        loop = new Thread(this::serve, "fake-index");
        loop.setDaemon(true);
        loop.start();
    }

    static FakeIndex start() throws IOException {
        return new FakeIndex();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Records requests but never answers (UDP-2 tests). */
    FakeIndex silent() {
        silent = true;
        return this;
    }

    /** Processes the next {@code n} requests but loses their replies, as a lossy network would. */
    FakeIndex dropNextReplies(int n) {
        repliesToDrop.set(n);
        return this;
    }

    FakeIndex pageSize(int entries) {
        pageSize = entries;
        return this;
    }

    /** Answers every request with what the script returns instead of the registry. */
    FakeIndex script(Function<Message, List<Message>> replies) {
        script = replies;
        return this;
    }

    /** Adds a registration directly, as if a peer had sent it. */
    synchronized FakeIndex preload(String peer, String content, PeerAddress address) {
        registry.add(new Entry(PeerName.of(peer), ContentName.of(content), address, 0, Optional.empty()));
        return this;
    }

    /** The next request received, waiting at most 5 s; fails the test if none comes. */
    Message take() throws InterruptedException {
        Message m = incoming.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("the fake index received no request within 5 s");
        }
        return m;
    }

    /** Every request received so far, in order. */
    synchronized List<Message> requests() {
        return List.copyOf(received);
    }

    /**
     * Every request received, once there are at least {@code count} (waiting at most 5 s): for
     * requests that get no reply, such as deregister-peer, which may still be on their way.
     */
    synchronized List<Message> requests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.size() < count) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("the fake index received " + received.size() + " requests, expected " + count + ": " + received);
            }
            wait(left);
        }
        return List.copyOf(received);
    }

    synchronized List<Registration> registrations() {
        return received.stream().filter(Registration.class::isInstance).map(Registration.class::cast).toList();
    }

    /** The bytes of every datagram received so far, well-formed or not, in order. */
    synchronized List<byte[]> datagrams() {
        return List.copyOf(datagrams);
    }

    synchronized List<String> malformed() {
        return List.copyOf(malformed);
    }

    /** Sends a PDU from the index's own socket, e.g. a stale reply. */
    void send(Message message, SocketAddress to) throws IOException {
        byte[] pdu = PduCodec.encode(message);
        socket.send(new DatagramPacket(pdu, pdu.length, to));
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
            synchronized (this) {
                datagrams.add(Arrays.copyOf(buffer, packet.getLength()));
            }
            Message request;
            try {
                request = PduCodec.decode(buffer, 0, packet.getLength(), Direction.REQUEST);
            } catch (MalformedPduException e) {
                synchronized (this) {
                    malformed.add(e.getMessage());
                }
                continue;
            }
            List<Message> replies;
            synchronized (this) {
                received.add(request);
                notifyAll();
                replies = silent ? List.of() : script != null ? script.apply(request) : answer(request);
            }
            incoming.add(request);
            if (!replies.isEmpty() && repliesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                continue;
            }
            for (Message reply : replies) {
                try {
                    send(reply, packet.getSocketAddress());
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    private List<Message> answer(Message request) {
        if (request instanceof Registration r) {
            if (find(r.peer(), r.content()) >= 0) {
                return List.of(new ErrorReply(IndexClient.DUPLICATE));
            }
            registry.add(new Entry(r.peer(), r.content(), r.address(), 0, r.stamp()));
            return List.of(r.stamp().isPresent() ? Acknowledgement.STAMP_KEPT : Acknowledgement.EMPTY); // EXT-5
        } else if (request instanceof SearchRequest s) {
            int best = -1;
            for (int i = 0; i < registry.size(); i++) {
                Entry e = registry.get(i);
                if (e.content().equals(s.content()) && (best < 0 || e.served() < registry.get(best).served())) {
                    best = i; // strictly fewer: the oldest registration wins a tie (IDX-SEARCH-2)
                }
            }
            if (best < 0) {
                return List.of(new ErrorReply(IndexClient.NOT_FOUND));
            }
            Entry e = registry.get(best);
            registry.set(best, new Entry(e.peer(), e.content(), e.address(), e.served() + 1, e.stamp())); // IDX-SEARCH-4
            return List.of(new SearchHit(e.peer(), e.address(), e.stamp())); // EXT-6
        } else if (request instanceof ContentDeregistration t) {
            int at = find(t.peer(), t.content());
            if (at < 0) {
                return List.of(new ErrorReply(IndexClient.NOT_FOUND));
            }
            registry.remove(at);
            return List.of(Acknowledgement.EMPTY);
        } else if (request instanceof PeerDeregistration t) {
            registry.removeIf(e -> e.peer().equals(t.peer()));
            return List.of(); // IDX-LEAVE-2
        } else if (request instanceof ListRequest o) {
            return listPage(o.start());
        }
        return List.of();
    }

    private List<Message> listPage(int start) {
        Map<PeerName, List<ContentName>> byPeer = new LinkedHashMap<>();
        for (Entry e : registry) {
            byPeer.computeIfAbsent(e.peer(), p -> new ArrayList<>()).add(e.content());
        }
        List<Message> entries = new ArrayList<>();
        byPeer.forEach((peer, contents) -> {
            for (int i = 0; i < contents.size(); i += ListEntry.MAX_CONTENTS) {
                entries.add(new ListEntry(peer, contents.subList(i, Math.min(contents.size(), i + ListEntry.MAX_CONTENTS))));
            }
        });
        int end = Math.min(entries.size(), start + pageSize);
        List<Message> page = new ArrayList<>(start < end ? entries.subList(start, end) : List.of());
        page.add(end < entries.size() ? new ListEnd(end) : ListEnd.COMPLETE);
        return page;
    }

    private int find(PeerName peer, ContentName content) {
        for (int i = 0; i < registry.size(); i++) {
            if (registry.get(i).peer().equals(peer) && registry.get(i).content().equals(content)) {
                return i;
            }
        }
        return -1;
    }
}
