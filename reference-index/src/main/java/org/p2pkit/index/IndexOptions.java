package org.p2pkit.index;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.p2pkit.model.LogBounds;

/**
 * How to run an index: where to listen, its limits, how many threads serve the socket, and the
 * safeguards of spec section 9.
 *
 * @param bind the local address to listen on; the wildcard address listens on all interfaces
 * @param port the UDP port; 0 picks a free one (see {@link IndexServer#address()})
 * @param limits the registry's capacity and the per-host quotas (IDX-REG-5, SEC-8)
 * @param threads threads that receive and answer datagrams (at least 1)
 * @param trustAnnouncedAddresses accept registrations whose address names another host than the
 *     sender's (for peers behind NAT, and tests); by default they are refused (SEC-6)
 * @param probing the liveness probes of content servers (SEC-5, SEC-7)
 * @param replyRate the replies per source host (SEC-9)
 * @param logBounds how the log of remote events is bounded (SEC-10)
 */
public record IndexOptions(InetAddress bind, int port, IndexLimits limits, int threads, boolean trustAnnouncedAddresses,
        Probing probing, ReplyRate replyRate, LogBounds logBounds) {
    /** The classic index port (spec FRAME-6). */
    public static final int CLASSIC_PORT = 8886;

    /** 0.0.0.0: the classic protocol is IPv4 (ADDR-1). */
    private static final InetAddress IPV4_ANY = ipv4Any();

    public IndexOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(probing, "probing");
        Objects.requireNonNull(replyRate, "replyRate");
        Objects.requireNonNull(logBounds, "logBounds");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** All interfaces, the classic port 8886, the reference limits and safeguards, one thread per core (at most 4). */
    public static IndexOptions defaults() {
        return new IndexOptions(IPV4_ANY, CLASSIC_PORT, IndexLimits.DEFAULTS, defaultThreads(), false, Probing.DEFAULTS,
                ReplyRate.DEFAULTS, LogBounds.DEFAULTS);
    }

    /** Loopback on a free port with the reference limits and safeguards: what tests and embedded uses want. */
    public static IndexOptions ephemeralLoopback() {
        return defaults().withBind(InetAddress.getLoopbackAddress()).withPort(0);
    }

    public IndexOptions withBind(InetAddress value) {
        return new IndexOptions(value, port, limits, threads, trustAnnouncedAddresses, probing, replyRate, logBounds);
    }

    public IndexOptions withPort(int value) {
        return new IndexOptions(bind, value, limits, threads, trustAnnouncedAddresses, probing, replyRate, logBounds);
    }

    public IndexOptions withLimits(IndexLimits value) {
        return new IndexOptions(bind, port, value, threads, trustAnnouncedAddresses, probing, replyRate, logBounds);
    }

    public IndexOptions withThreads(int value) {
        return new IndexOptions(bind, port, limits, value, trustAnnouncedAddresses, probing, replyRate, logBounds);
    }

    public IndexOptions withTrustAnnouncedAddresses(boolean value) {
        return new IndexOptions(bind, port, limits, threads, value, probing, replyRate, logBounds);
    }

    public IndexOptions withProbing(Probing value) {
        return new IndexOptions(bind, port, limits, threads, trustAnnouncedAddresses, value, replyRate, logBounds);
    }

    public IndexOptions withReplyRate(ReplyRate value) {
        return new IndexOptions(bind, port, limits, threads, trustAnnouncedAddresses, probing, value, logBounds);
    }

    public IndexOptions withLogBounds(LogBounds value) {
        return new IndexOptions(bind, port, limits, threads, trustAnnouncedAddresses, probing, replyRate, value);
    }

    private static InetAddress ipv4Any() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for a 4-byte address
        }
    }

    static int defaultThreads() {
        // Receiving is serialized by the socket; more threads than cores only add contention.
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
