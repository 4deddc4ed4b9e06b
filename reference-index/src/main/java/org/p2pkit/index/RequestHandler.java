package org.p2pkit.index;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * What the index answers to a datagram: a function from the received bytes (or an already
 * decoded request) to the reply messages, possibly none, applied to a {@link Registry}
 * (spec section 5). It knows nothing of sockets, so it is tested and benchmarked directly.
 */
public final class RequestHandler {
    /** At most this many O entries per reply (IDX-LIST-4). */
    public static final int LIST_PAGE_ENTRIES = 10;

    private final Registry registry;

    public RequestHandler(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public Registry registry() {
        return registry;
    }

    /**
     * Handles one received datagram {@code data[offset, offset + length)} from {@code source}
     * (which may be null; it is only logged). Bad input gets the outcome of RECV-1 to RECV-5,
     * leaves the registry unchanged and logs one line (RECV-6).
     */
    public List<Message> handle(byte[] data, int offset, int length, InetSocketAddress source) {
        if (length < PduCodec.PDU_SIZE) {
            // RECV-4: answering would turn a short spoofed datagram into a 101-byte reply.
            IndexLog.dropped(source, data, offset, length, length == 0 ? "empty datagram (RECV-4)"
                    : "datagram of " + length + " bytes is shorter than a PDU of " + PduCodec.PDU_SIZE + " (RECV-4)");
            return IndexReplies.NONE;
        }
        byte type = data[offset];
        if (!PduCodec.isIndexRequestType(type)) {
            IndexLog.dropped(source, data, offset, length, PduCodec.isKnownType(type)
                    ? "type " + (char) type + " is not a request to the index (RECV-3)"
                    : "unknown type (RECV-2)");
            return IndexReplies.NONE;
        }
        Message request;
        try {
            // A request type longer than a PDU fails here too and is answered (RECV-4).
            request = PduCodec.decode(data, offset, length, Direction.REQUEST);
        } catch (MalformedPduException e) {
            String text = IndexReplies.malformedText(e);
            IndexLog.answered(source, data, offset, length, text);
            return List.of(new ErrorReply(text));
        }
        return handle(request, source);
    }

    /** Handles a decoded request; messages that are not requests to the index get no reply (RECV-3). */
    public List<Message> handle(Message request) {
        return handle(request, null);
    }

    private List<Message> handle(Message request, InetSocketAddress source) {
        if (request instanceof SearchRequest search) {
            SearchHit hit = registry.search(search.content()); // IDX-SEARCH-2, IDX-SEARCH-4
            return hit == null ? IndexReplies.NOT_FOUND_ONLY : List.of(hit);
        } else if (request instanceof Registration registration) {
            return register(registration, source);
        } else if (request instanceof ContentDeregistration deregistration) {
            return registry.deregister(deregistration.peer(), deregistration.content())
                    ? IndexReplies.ACK_ONLY : IndexReplies.NOT_FOUND_ONLY; // IDX-DEREG-2, IDX-DEREG-3
        } else if (request instanceof PeerDeregistration leave) {
            registry.removePeer(leave.peer()); // IDX-LEAVE-1
            return IndexReplies.NONE; // IDX-LEAVE-2: never answered
        } else if (request instanceof ListRequest list) {
            ListPage page = registry.list(list.start(), LIST_PAGE_ENTRIES);
            List<Message> replies = new ArrayList<>(page.entries().size() + 1);
            replies.addAll(page.entries());
            replies.add(page.end()); // IDX-LIST-3, IDX-LIST-5
            return replies;
        }
        return IndexReplies.NONE;
    }

    private List<Message> register(Registration registration, InetSocketAddress source) {
        RegistrationOutcome outcome = registry.register(registration.peer(), registration.content(),
                registration.address());
        switch (outcome) {
            case REGISTERED:
                return IndexReplies.ACK_ONLY; // IDX-REG-2
            case ALREADY_REGISTERED:
                return IndexReplies.ALREADY_REGISTERED_ONLY; // IDX-REG-3
            default:
                ErrorReply full = IndexReplies.indexFull(outcome, registry.limits(), registration.peer());
                IndexLog.indexFull(source, registration, outcome, full);
                return List.of(full); // IDX-REG-5
        }
    }
}
