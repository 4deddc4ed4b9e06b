package org.p2pkit.index;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * The index's state, the contract every backend keeps: peers with their address and owner,
 * contents with their holders and served counts (spec section 5, SEC-1), and when each peer was
 * last seen alive (SEC-5, SEC-7). Thread-safe: every operation is atomic.
 *
 * <p>Operations that take a source act for that datagram source and apply ownership (SEC-1 to
 * SEC-4) and the per-host quotas (SEC-8); a null source, and the operations without one, act in
 * process, for the program that runs the index, and are exempt from both. Times ({@code now}) are
 * {@link System#nanoTime()} readings.
 */
public interface Registry {

    IndexLimits limits();

    /**
     * Records that {@code peer} serves {@code content} at {@code address} (IDX-REG-2), in process;
     * a known peer moves to the new address (IDX-REG-4). Anything but
     * {@link RegistrationOutcome#REGISTERED} leaves the registry unchanged (IDX-REG-3, IDX-REG-5).
     */
    default RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address) {
        return register(peer, content, address, Optional.empty(), null, System.nanoTime());
    }

    /**
     * A registration from {@code source} at {@code now}, checked in the order of IDX-REG-6 once its
     * address is accepted: owner (SEC-2, SEC-5), duplicate (IDX-REG-3), limits (IDX-REG-5, SEC-8).
     * A new peer is owned by {@code source} (SEC-1). The registration keeps {@code stamp} (EXT-5).
     * Anything but {@link RegistrationOutcome#REGISTERED} leaves the registry unchanged, the stamp
     * of a duplicate included (EXT-7).
     */
    RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address, Optional<ContentStamp> stamp,
            InetSocketAddress source, long now);

    /**
     * Picks the holder of {@code content} with the fewest served downloads, the oldest registration
     * on a tie (IDX-SEARCH-2), and counts one more download for it (IDX-SEARCH-4), in process:
     * whether the holder is still alive is not checked (SEC-7 is the request handler's).
     *
     * @return the hit to send, with the registration's stamp if any (EXT-6), or null when nobody
     *     holds the content (IDX-SEARCH-5)
     */
    SearchHit search(ContentName content);

    /**
     * The holder of {@code content} that IDX-SEARCH-2 chooses, named and counted (IDX-SEARCH-4) only
     * if it registered or passed a probe within the check interval before {@code now}; otherwise it
     * is to be probed first and nothing is counted (SEC-7).
     */
    Choice search(ContentName content, long now);

    /** The peer called {@code peer} at its current address, as a search would name it; null when unknown. */
    SearchHit peer(PeerName peer);

    /**
     * Records the probe of {@code peer}'s content server at {@code now}: a peer that accepted the
     * connection is seen and its probe stands (SEC-5, SEC-7); one that did not is forgotten with all
     * its registrations. A peer that moved or left meanwhile is not the one probed and stays as it is.
     *
     * @return whether the peer was forgotten
     */
    boolean probed(SearchHit peer, boolean alive, long now);

    /**
     * Removes the registration of {@code content} by {@code peer} (IDX-DEREG-2), in process; a peer
     * left without content is forgotten (IDX-DEREG-4).
     *
     * @return false, changing nothing, when the peer had not registered it (IDX-DEREG-3)
     */
    default boolean deregister(PeerName peer, ContentName content) {
        return deregister(peer, content, null) == RemovalOutcome.REMOVED;
    }

    /** A content deregistration from {@code source}; only the owner's changes anything (SEC-3). */
    RemovalOutcome deregister(PeerName peer, ContentName content, InetSocketAddress source);

    /**
     * Removes a peer with all its registrations (IDX-LEAVE-1), in process.
     *
     * @return false when the peer was unknown (nothing happens, IDX-LEAVE-2)
     */
    default boolean removePeer(PeerName peer) {
        return removePeer(peer, null) == RemovalOutcome.REMOVED;
    }

    /** A peer deregistration from {@code source}; only the owner's changes anything (SEC-4). */
    RemovalOutcome removePeer(PeerName peer, InetSocketAddress source);

    /**
     * The list entries from entry {@code start} on, at most {@code maxEntries} of them (IDX-LIST-2,
     * IDX-LIST-4), in the order of IDX-LIST-6; a start past the end gives no entries and the
     * complete end (IDX-LIST-5).
     */
    ListPage list(int start, int maxEntries);

    /** Every peer in list order, with its address and contents (IDX-LIST-6); a consistent copy. */
    List<RegisteredPeer> snapshot();

    int peerCount();

    int registrationCount();
}
