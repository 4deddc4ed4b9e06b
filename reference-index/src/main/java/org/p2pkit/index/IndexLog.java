package org.p2pkit.index;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.LogBounds;
import org.p2pkit.model.LogSummary;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;

/**
 * The index's log of what remote input did, as one-line {@code key=value} records: each bad input
 * (spec RECV-6: where it came from, its length and type byte, what the index did and why), each
 * request refused by ownership (SEC-2 to SEC-6), a limit (IDX-REG-5, SEC-8) or the reply rate
 * (SEC-9), and each peer forgotten because its content server was found dead (SEC-5, SEC-7).
 * What it writes is bounded by a {@link LogSummary} (SEC-10): the first event of each kind in an
 * interval in full, the rest in one summary line per kind. Valid requests are never logged, so the
 * hot path costs nothing here.
 */
final class IndexLog {
    static final Logger LOG = Logger.getLogger("org.p2pkit.index");
    /** Every bad-input record starts with this; tests and log filters can rely on it. */
    static final String EVENT = "bad-input";

    private final LogSummary summary;

    IndexLog(LogBounds bounds) {
        this.summary = new LogSummary(LOG, bounds);
    }

    /** Bad input of {@code rule} (e.g. RECV-4) that got no reply. */
    void dropped(InetSocketAddress source, byte[] data, int offset, int length, String rule, String reason) {
        badInput(source, data, offset, length, rule, "dropped", reason);
    }

    /** Bad input of {@code rule} (e.g. RECV-5 and the field) answered with an E of {@code text}. */
    void answered(InetSocketAddress source, byte[] data, int offset, int length, String rule, String text) {
        badInput(source, data, offset, length, rule, "replied-E", text);
    }

    private void badInput(InetSocketAddress source, byte[] data, int offset, int length, String rule, String action,
            String reason) {
        if (shown(EVENT + ":" + rule, Level.INFO, source)) {
            LOG.info(EVENT + " from=" + describe(source) + " length=" + length + " type=" + typeOf(data, offset, length)
                    + " action=" + action + " reason=\"" + reason + "\"");
        }
    }

    /** A request that ownership or the sender's address refused under {@code rule} (SEC-2, SEC-3, SEC-4, SEC-6). */
    void refused(InetSocketAddress source, String rule, Message request, PeerName peer, String reason) {
        if (shown("refused:" + rule, Level.INFO, source)) {
            LOG.info("refused from=" + describe(source) + " type='" + PduCodec.typeLetter(request) + "' peer=" + peer
                    + " rule=" + rule + " reason=\"" + reason + "\"");
        }
    }

    /** A registration refused by a limit and answered with {@code reply} (IDX-REG-5, SEC-8). */
    void indexFull(InetSocketAddress source, Registration registration, RegistrationOutcome limit, ErrorReply reply) {
        if (shown("index-full:" + limit, Level.WARNING, source)) {
            LOG.warning("index-full from=" + describe(source) + " peer=" + registration.peer() + " content="
                    + registration.content() + " limit=" + limit + " reason=\"" + reply.reason() + "\"");
        }
    }

    /** A datagram dropped unread: its source host is over its reply rate (SEC-9). */
    void rateLimited(InetSocketAddress source) {
        if (shown("rate-limited:SEC-9", Level.WARNING, source)) {
            LOG.warning("rate-limited from=" + describe(source) + " rule=SEC-9 action=dropped");
        }
    }

    /** A request dropped because too many requests wait for probes already (SEC-5, SEC-7). */
    void probesBusy(InetSocketAddress source, Message request) {
        if (shown("probes-busy", Level.WARNING, source)) {
            LOG.warning("probes-busy from=" + describe(source) + " type='" + PduCodec.typeLetter(request)
                    + "' action=dropped reason=\"too many requests wait for probes\"");
        }
    }

    /** A peer forgotten because its content server did not accept a probe (SEC-5, SEC-7), asked by {@code source}. */
    void forgotten(SearchHit peer, String rule, InetSocketAddress source) {
        if (shown("forgotten:" + rule, Level.INFO, source)) {
            LOG.info("forgotten peer=" + peer.holder() + " address=" + peer.address() + " rule=" + rule
                    + " reason=\"its content server did not accept a connection\" asked-by=" + describe(source));
        }
    }

    /** A bug met while answering a datagram; it is not answered, and the index goes on. */
    void internalError(InetSocketAddress source, RuntimeException e) {
        if (shown("internal-error", Level.SEVERE, source)) {
            LOG.log(Level.SEVERE, e, () -> "internal error on a datagram from " + describe(source) + "; not answered");
        }
    }

    /** Ends the summary interval if it is over (SEC-10). */
    void rollIfDue() {
        summary.rollIfDue(System.nanoTime());
    }

    /** Writes the summaries of the interval so far, e.g. when the index stops. */
    void flush() {
        summary.roll(System.nanoTime());
    }

    private boolean shown(String kind, Level level, InetSocketAddress source) {
        if (!LOG.isLoggable(level)) {
            return false;
        }
        InetAddress host = source == null ? null : source.getAddress();
        return summary.count(kind, level, host, System.nanoTime());
    }

    static String describe(InetSocketAddress source) {
        if (source == null) {
            return "-";
        }
        return source.getAddress() == null ? source.toString()
                : source.getAddress().getHostAddress() + ":" + source.getPort();
    }

    static String typeOf(byte[] data, int offset, int length) {
        if (length == 0) {
            return "-";
        }
        int b = data[offset] & 0xff;
        return b > ' ' && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b);
    }
}
