package org.p2pkit.peer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.EmptyListEntry;
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
 * The peer's UDP client to the index (spec section 5): one request at a time, every wait bounded,
 * retransmitted a few times (UDP-2), replies taken only from the index's address (UDP-4).
 */
public final class IndexClient implements AutoCloseable {
    /** How long to wait for a reply and how many times to send a request (UDP-2). */
    public record Options(Duration replyTimeout, int tries) {
        /** The reference values of UDP-2: 500 ms, 3 tries. */
        public static final Options DEFAULT = new Options(Duration.ofMillis(500), 3);

        public Options {
            if (replyTimeout.isNegative() || replyTimeout.isZero()) {
                throw new IllegalArgumentException("the reply timeout must be positive, got " + replyTimeout.toMillis() + " ms");
            }
            if (tries < 1) {
                throw new IllegalArgumentException("at least one try is needed, got " + tries);
            }
        }
    }

    /** Exact texts of the classic index (IDX-REG-3, IDX-SEARCH-5, IDX-DEREG-3). */
    static final String DUPLICATE = "File already exist for the peer, did not register file again!";
    static final String NOT_FOUND = "File not found!";
    /** IDX-LEAVE-2, UDP-3: deregister-peer gets no reply, so it is sent twice against loss. */
    static final int LEAVE_COPIES = 2;
    /** A guard against an index whose "List continues at" never ends. */
    private static final int MAX_LIST_PAGES = 100_000;

    private static final Logger LOG = Logger.getLogger(IndexClient.class.getName());

    private final InetSocketAddress index;
    private final Options options;
    private final DatagramChannel channel;
    private final Selector selector;
    // One byte more than a PDU, so that an oversized datagram is seen as such (FRAME-4).
    private final ByteBuffer inbox = ByteBuffer.allocate(PduCodec.PDU_SIZE + 1);
    private final Object exchangeLock = new Object();
    private String lastOddity = "";

    public IndexClient(InetSocketAddress index, Options options) throws IOException {
        if (index.isUnresolved()) {
            throw new UnknownHostException("cannot resolve the index host '" + index.getHostString() + "'");
        }
        this.index = index;
        this.options = options;
        this.channel = DatagramChannel.open();
        this.channel.bind(null);
        this.channel.configureBlocking(false);
        this.selector = Selector.open();
        this.channel.register(selector, SelectionKey.OP_READ);
    }

    public InetSocketAddress indexAddress() {
        return index;
    }

    /** The local address replies come to; tests use it to send strangers' datagrams. */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Registers a content at an address (IDX-REG-1), with its stamp when there is one (EXT-4). A
     * retried registration answered with the duplicate error counts as success: the first try got
     * through (UDP-3). Whether the index kept the stamp (EXT-5) changes nothing here.
     */
    public void register(PeerName peer, ContentName content, PeerAddress address, Optional<ContentStamp> stamp) throws IndexException {
        if (registerOrConfirm(peer, content, address, stamp) == Registered.ALREADY) {
            throw IndexErrorException.refused("register '" + content + "'", DUPLICATE);
        }
    }

    /** What the index said to a registration (IDX-REG-2, IDX-REG-3). */
    public enum Registered {
        /** A: the index did not have it and registered it now. */
        NOW,
        /** The duplicate E to the first try: the index had it already and changed nothing. */
        ALREADY,
        /** The duplicate E to a retransmission: the index has it, registered by an earlier try or before (UDP-3). */
        ALREADY_OR_BY_AN_EARLIER_TRY
    }

    /**
     * Sends a registration and says whether the index had it already: the check of
     * PEER-RECHECK-1, which works with any index, the original included (A for a registration it
     * does not have, the duplicate E for one it has). Any other E is thrown as
     * {@link IndexErrorException}, no answer as {@link IndexUnreachableException}.
     */
    public Registered registerOrConfirm(PeerName peer, ContentName content, PeerAddress address, Optional<ContentStamp> stamp)
            throws IndexException {
        return exchange(new Registration(peer, content, address, stamp), (reply, retried) -> {
            if (reply instanceof Acknowledgement) {
                return Registered.NOW;
            }
            if (reply instanceof ErrorReply e) {
                if (e.reason().equals(DUPLICATE)) {
                    return retried ? Registered.ALREADY_OR_BY_AN_EARLIER_TRY : Registered.ALREADY;
                }
                throw IndexErrorException.refused("register '" + content + "'", e.reason());
            }
            return null;
        });
    }

    /**
     * Asks who holds a content (IDX-SEARCH-1); empty when no peer does (IDX-SEARCH-5). Each hit
     * counts one more served download at the index, retries included (UDP-3).
     */
    public Optional<SearchHit> search(PeerName peer, ContentName content) throws IndexException {
        return exchange(new SearchRequest(peer, content), (reply, retried) -> {
            if (reply instanceof SearchHit hit) {
                return Optional.of(hit);
            }
            if (reply instanceof ErrorReply e) {
                if (e.reason().equals(NOT_FOUND)) {
                    return Optional.<SearchHit>empty();
                }
                throw IndexErrorException.refused("search for '" + content + "'", e.reason());
            }
            return null;
        });
    }

    /**
     * Withdraws one content (IDX-DEREG-1). A retried request answered "File not found!" counts as
     * success: the first try removed it (UDP-3).
     */
    public void deregister(PeerName peer, ContentName content) throws IndexException {
        exchange(new ContentDeregistration(peer, content), (reply, retried) -> {
            if (reply instanceof Acknowledgement) {
                return Boolean.TRUE;
            }
            if (reply instanceof ErrorReply e) {
                if (retried && e.reason().equals(NOT_FOUND)) {
                    return Boolean.TRUE;
                }
                throw IndexErrorException.refused("deregister '" + content + "'", e.reason());
            }
            return null;
        });
    }

    /**
     * Removes the peer and all its contents (IDX-LEAVE-1). The index does not reply (IDX-LEAVE-2),
     * so the request is sent twice and nothing is awaited (UDP-3).
     */
    public void leave(PeerName peer) throws IOException {
        byte[] pdu = PduCodec.encode(new PeerDeregistration(peer));
        for (int i = 0; i < LEAVE_COPIES; i++) {
            channel.send(ByteBuffer.wrap(pdu), index);
        }
    }

    /**
     * Lists every peer and its contents (IDX-LIST-1). Follows "List continues at n" with a request
     * for the next page (IDX-LIST-5), and skips the empty slots the original index sends (IDX-LIST-7).
     */
    public List<ListEntry> list(PeerName peer) throws IndexException {
        List<ListEntry> all = new ArrayList<>();
        int start = 0;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            ListPage result = exchange(new ListRequest(peer, start), new ListPageRule());
            all.addAll(result.entries());
            if (result.end().isComplete()) {
                return all;
            }
            if (result.end().continueAt() <= start) {
                throw IndexErrorException.refused("list all contents",
                        "the list continues at " + result.end().continueAt() + ", which is not after " + start);
            }
            start = result.end().continueAt();
        }
        throw IndexErrorException.refused("list all contents", "more than " + MAX_LIST_PAGES + " pages");
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    static String describe(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }

    private record ListPage(List<ListEntry> entries, ListEnd end) {
    }

    /** Decides what a reply means for the request in flight: a result, an error, or null (not ours). */
    private interface ReplyRule<T> {
        T accept(Message reply, boolean retried) throws IndexErrorException;

        /** Called before each try; a rule that gathers several replies starts over. */
        default void restart() {
        }

        /** Whether a reply that was accepted but gave no result yet should extend the wait. */
        default boolean extendsWait(Message reply) {
            return false;
        }
    }

    /** One page of a list reply: entries, then the end marker (IDX-LIST-2, IDX-LIST-3). */
    private static final class ListPageRule implements ReplyRule<ListPage> {
        private List<ListEntry> entries = new ArrayList<>();

        @Override
        public ListPage accept(Message reply, boolean retried) throws IndexErrorException {
            if (reply instanceof ListEntry entry) {
                entries.add(entry);
            } else if (reply instanceof ListEnd end) {
                return new ListPage(List.copyOf(entries), end);
            } else if (reply instanceof ErrorReply e) {
                throw IndexErrorException.refused("list all contents", e.reason());
            }
            return null; // EmptyListEntry and anything else: IDX-LIST-7, stale replies
        }

        @Override
        public void restart() {
            entries = new ArrayList<>();
        }

        @Override
        public boolean extendsWait(Message reply) {
            return reply instanceof ListEntry || reply instanceof EmptyListEntry;
        }
    }

    private <T> T exchange(Message request, ReplyRule<T> rule) throws IndexException {
        byte[] pdu = PduCodec.encode(request);
        long timeout = options.replyTimeout().toNanos();
        synchronized (exchangeLock) {
            lastOddity = "";
            try {
                for (int attempt = 1; attempt <= options.tries(); attempt++) {
                    discardStaleReplies(); // UDP-4
                    rule.restart();
                    channel.send(ByteBuffer.wrap(pdu), index);
                    long deadline = System.nanoTime() + timeout;
                    for (Message reply; (reply = receive(deadline)) != null; ) {
                        T result = rule.accept(reply, attempt > 1);
                        if (result != null) {
                            return result;
                        }
                        if (rule.extendsWait(reply)) {
                            deadline = System.nanoTime() + timeout;
                        }
                    }
                    int tried = attempt;
                    LOG.fine(() -> "no reply from the index to " + PduCodec.typeLetter(request) + " (try " + tried + ")");
                }
            } catch (IndexException e) {
                throw e;
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
                throw new IndexUnreachableException(index, options.tries(), "interrupted");
            } catch (IOException e) {
                throw new IndexUnreachableException(index, options.tries(), e.toString());
            }
            throw new IndexUnreachableException(index, options.tries(), lastOddity);
        }
    }

    /** The next reply from the index before the deadline, or null; skips strangers and bad PDUs. */
    private Message receive(long deadline) throws IOException {
        while (true) {
            SocketAddress from = receiveOne();
            if (from == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                selector.select(Math.max(1, Duration.ofNanos(left).toMillis()));
                selector.selectedKeys().clear();
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for the index");
                }
                continue;
            }
            if (!index.equals(from)) {
                LOG.fine(() -> "ignored a datagram from " + from + ", not the index (UDP-4)");
                continue;
            }
            try {
                return PduCodec.decode(inbox.array(), 0, inbox.position(), Direction.REPLY);
            } catch (MalformedPduException e) {
                lastOddity = "the index sent a " + e.getMessage();
                LOG.log(Level.WARNING, "ignored a reply from the index: {0}", e.getMessage());
            }
        }
    }

    private SocketAddress receiveOne() throws IOException {
        inbox.clear();
        return channel.receive(inbox);
    }

    private void discardStaleReplies() throws IOException {
        while (receiveOne() != null) {
            LOG.fine("discarded a stale datagram before a new request (UDP-4)");
        }
    }
}
