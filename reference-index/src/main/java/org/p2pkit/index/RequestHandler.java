package org.p2pkit.index;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * What the index answers to a datagram, applied to a {@link Registry} (spec section 5) under the
 * safeguards of section 9: ownership of names (SEC-1 to SEC-6), probes of content servers (SEC-5,
 * SEC-7), the reply rate per host (SEC-9) and a bounded log (SEC-10). It knows nothing of sockets:
 * replies go to a {@link ReplySink}, at once or, for a request that waits for a probe, when the
 * probe ends.
 *
 * <p>A request without a source (null) comes from the program that runs the index: no rule that
 * rests on a source applies to it (SEC-1 to SEC-4, SEC-6, SEC-8, SEC-9); its holders are still
 * probed before they are named (SEC-7), the caller's thread waiting.
 */
public final class RequestHandler implements AutoCloseable {
    /** At most this many O entries per reply (IDX-LIST-4). */
    public static final int LIST_PAGE_ENTRIES = 10;

    private final Registry registry;
    private final boolean trustAnnouncedAddresses;
    private final int probesPerSearch;
    private final Prober prober;
    private final PendingRequests pending;
    private final ReplyRateLimiter replyRate;
    private final IndexLog log;

    /** A handler with the reference safeguards, e.g. to answer in process. */
    public RequestHandler(Registry registry) {
        this(registry, IndexOptions.defaults());
    }

    RequestHandler(Registry registry, IndexOptions options) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.trustAnnouncedAddresses = options.trustAnnouncedAddresses();
        this.probesPerSearch = options.probing().probesPerSearch();
        this.prober = new Prober(options.probing());
        this.pending = new PendingRequests(options.probing());
        this.replyRate = new ReplyRateLimiter(options.replyRate());
        this.log = new IndexLog(options.logBounds());
    }

    public Registry registry() {
        return registry;
    }

    IndexLog log() {
        return log;
    }

    /**
     * Handles one received datagram {@code data[offset, offset + length)} from {@code source} (null:
     * in process) and returns its replies, possibly none, after any probe it waits for.
     */
    public List<Message> handle(byte[] data, int offset, int length, InetSocketAddress source) {
        CollectedReplies replies = new CollectedReplies();
        handle(data, offset, length, source, replies);
        return replies.replies();
    }

    /** Handles a decoded request in process; messages that are not requests to the index get no reply (RECV-3). */
    public List<Message> handle(Message request) {
        CollectedReplies replies = new CollectedReplies();
        handle(request, null, replies);
        return replies.replies();
    }

    /**
     * Handles one received datagram and sends its replies to {@code replies}. Bad input gets the
     * outcome of RECV-1 to RECV-7, leaves the registry unchanged and is logged (RECV-6, SEC-10).
     */
    void handle(byte[] data, int offset, int length, InetSocketAddress source, ReplySink replies) {
        if (source != null && !replyRate.admit(source.getAddress(), System.nanoTime())) {
            log.rateLimited(source); // SEC-9: dropped before it is read, so it changes nothing
            return;
        }
        if (length < PduCodec.PDU_SIZE) {
            // RECV-4: answering would turn a short spoofed datagram into a 101-byte reply.
            log.dropped(source, data, offset, length, "RECV-4", length == 0 ? "empty datagram (RECV-4)"
                    : "datagram of " + length + " bytes is shorter than a PDU of " + PduCodec.PDU_SIZE + " (RECV-4)");
            return;
        }
        byte type = data[offset];
        if (!PduCodec.isIndexRequestType(type)) {
            if (PduCodec.isKnownType(type)) {
                log.dropped(source, data, offset, length, "RECV-3",
                        "type " + (char) type + " is not a request to the index (RECV-3)");
            } else {
                log.dropped(source, data, offset, length, "RECV-2", "unknown type (RECV-2)");
            }
            return;
        }
        Message request;
        try {
            // A request type longer than a PDU fails here too and is answered (RECV-7).
            request = PduCodec.decode(data, offset, length, Direction.REQUEST);
        } catch (MalformedPduException e) {
            String text = IndexReplies.malformedText(e);
            String rule = length > PduCodec.PDU_SIZE ? "RECV-7" : "RECV-5:" + e.field();
            log.answered(source, data, offset, length, rule, text);
            replies.send(new ErrorReply(text));
            return;
        }
        handle(request, source, replies);
    }

    private void handle(Message request, InetSocketAddress source, ReplySink replies) {
        if (request instanceof SearchRequest search) {
            search(search, source, replies, probesPerSearch);
        } else if (request instanceof Registration registration) {
            register(registration, source, replies, true);
        } else if (request instanceof ContentDeregistration deregistration) {
            RemovalOutcome outcome = registry.deregister(deregistration.peer(), deregistration.content(), source);
            if (outcome == RemovalOutcome.NOT_OWNER) {
                log.refused(source, "SEC-3", request, deregistration.peer(), IndexReplies.NOT_FOUND.reason());
            }
            // IDX-DEREG-2, IDX-DEREG-3; SEC-3: as if that source had registered nothing; PERSIST-2
            replies.send(outcome == RemovalOutcome.REMOVED ? IndexReplies.ACK
                    : outcome == RemovalOutcome.NOT_STORED ? IndexReplies.NOT_STORED : IndexReplies.NOT_FOUND);
        } else if (request instanceof PeerDeregistration leave) {
            if (registry.removePeer(leave.peer(), source) == RemovalOutcome.NOT_OWNER) { // IDX-LEAVE-1
                log.refused(source, "SEC-4", request, leave.peer(), "not the owner; no reply");
            }
            // IDX-LEAVE-2: never answered
        } else if (request instanceof ListRequest list) {
            ListPage page = registry.list(list.start(), LIST_PAGE_ENTRIES);
            for (ListEntry entry : page.entries()) {
                replies.send(entry);
            }
            replies.send(page.end()); // IDX-LIST-3, IDX-LIST-5
            if (source != null) {
                replyRate.charge(source.getAddress(), page.entries().size()); // SEC-9: admitting took one
            }
        }
    }

    /**
     * IDX-SEARCH-2 to IDX-SEARCH-5 with SEC-7: a holder not seen within the check interval is probed
     * before it is named; a dead one is forgotten and the choice made again, up to
     * {@code probesLeft} probes, after which the search is answered E "File not found!".
     */
    private void search(SearchRequest search, InetSocketAddress source, ReplySink replies, int probesLeft) {
        Choice choice = registry.search(search.content(), System.nanoTime());
        if (choice instanceof Choice.Named named) {
            replies.send(named.hit());
        } else if (choice instanceof Choice.ProbeFirst unchecked && probesLeft > 0) {
            probeThen(unchecked.hit(), "SEC-7", search, source, replies,
                    sink -> search(search, source, sink, probesLeft - 1));
        } else {
            replies.send(IndexReplies.NOT_FOUND);
        }
    }

    /**
     * IDX-REG-2 to IDX-REG-6 with SEC-1, SEC-2, SEC-5, SEC-6 and SEC-8. A name owned by another
     * source whose content server has not passed a probe lately is probed when {@code mayProbe}:
     * dead, it is handed over; alive, the name stays in use.
     */
    private void register(Registration registration, InetSocketAddress source, ReplySink replies, boolean mayProbe) {
        if (source != null && !trustAnnouncedAddresses && !isSendersHost(registration.address(), source)) {
            log.refused(source, "SEC-6", registration, registration.peer(), IndexReplies.NOT_SENDERS_HOST.reason());
            replies.send(IndexReplies.NOT_SENDERS_HOST);
            return;
        }
        RegistrationOutcome outcome = registry.register(registration.peer(), registration.content(),
                registration.address(), registration.stamp(), source, System.nanoTime());
        switch (outcome) {
            case REGISTERED:
                // IDX-REG-2; EXT-5: a stamp kept is acknowledged as such, a classic R gets the classic A
                replies.send(registration.stamp().isPresent() ? IndexReplies.STAMP_KEPT : IndexReplies.ACK);
                return;
            case ALREADY_REGISTERED:
                replies.send(IndexReplies.ALREADY_REGISTERED); // IDX-REG-3
                return;
            case OWNER_UNCHECKED:
                if (mayProbe) {
                    SearchHit owner = registry.peer(registration.peer());
                    if (owner == null) {
                        register(registration, source, replies, false); // the owner left meanwhile
                    } else {
                        probeThen(owner, "SEC-5", registration, source, replies,
                                sink -> register(registration, source, sink, false));
                    }
                    return;
                }
                refuseInUse(registration, source, replies); // probed already: alive, or raced
                return;
            case NAME_IN_USE:
                refuseInUse(registration, source, replies);
                return;
            case NOT_STORED:
                replies.send(IndexReplies.NOT_STORED); // PERSIST-2
                return;
            default:
                ErrorReply full = IndexReplies.indexFull(outcome, registry.limits(), registration.peer());
                log.indexFull(source, registration, outcome, full);
                replies.send(full); // IDX-REG-5, SEC-8
        }
    }

    private void refuseInUse(Registration registration, InetSocketAddress source, ReplySink replies) {
        log.refused(source, "SEC-2", registration, registration.peer(), IndexReplies.NAME_IN_USE.reason());
        replies.send(IndexReplies.NAME_IN_USE);
    }

    /**
     * Probes {@code peer}'s content server and goes on with {@code request} when the probe ends
     * (SEC-5, SEC-7); a peer found dead is forgotten first. A request from a datagram source waits
     * only if {@link PendingRequests} admits it; otherwise it is dropped and the client retries (UDP-6).
     */
    private void probeThen(SearchHit peer, String rule, Message request, InetSocketAddress source, ReplySink replies,
            Consumer<ReplySink> next) {
        if (source != null) {
            switch (pending.admit(source, request)) {
                case RETRANSMISSION:
                    return; // the first one's answer answers it
                case FULL:
                    log.probesBusy(source, request);
                    return;
                default:
                    break;
            }
        }
        replies.afterProbe(prober.probe(peer.address()), (alive, sink) -> {
            if (source != null) {
                pending.release(source, request);
            }
            try {
                if (registry.probed(peer, alive, System.nanoTime())) {
                    log.forgotten(peer, rule, source);
                }
                next.accept(sink);
            } catch (RuntimeException e) {
                log.internalError(source, e);
            }
        });
    }

    /** SEC-6: the address names the host the datagram came from; classic addresses are IPv4 (ADDR-2). */
    private static boolean isSendersHost(PeerAddress address, InetSocketAddress source) {
        return source.getAddress() instanceof Inet4Address sender && sender.getHostAddress().equals(address.host());
    }

    /** Stops the probes; requests waiting for one get no answer. */
    @Override
    public void close() {
        prober.close();
        log.flush();
    }
}
