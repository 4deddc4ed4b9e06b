package org.p2pkit.index;

import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Registration;

/**
 * The index's log lines, one per event, as {@code key=value} pairs: each bad input (spec RECV-6:
 * where it came from, its length and type byte, what the index did and why) and each registration
 * refused by a limit (IDX-REG-5). Valid requests are never logged, so the hot path costs nothing here.
 */
final class IndexLog {
    static final Logger LOG = Logger.getLogger("org.p2pkit.index");
    /** Every bad-input line starts with this; tests and log filters can rely on it. */
    static final String EVENT = "bad-input";

    private IndexLog() {
    }

    /** Nothing was sent back. */
    static void dropped(InetSocketAddress source, byte[] data, int offset, int length, String reason) {
        log(source, data, offset, length, "dropped", reason);
    }

    /** An E was sent back with {@code text}. */
    static void answered(InetSocketAddress source, byte[] data, int offset, int length, String text) {
        log(source, data, offset, length, "replied-E", text);
    }

    private static void log(InetSocketAddress source, byte[] data, int offset, int length, String action,
            String reason) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        LOG.info(EVENT + " from=" + describe(source) + " length=" + length + " type=" + typeOf(data, offset, length)
                + " action=" + action + " reason=\"" + reason + "\"");
    }

    /** A registration was refused by a limit and answered with {@code reply}. */
    static void indexFull(InetSocketAddress source, Registration registration, RegistrationOutcome limit,
            ErrorReply reply) {
        if (LOG.isLoggable(Level.WARNING)) {
            LOG.warning("index-full from=" + describe(source) + " peer=" + registration.peer() + " content="
                    + registration.content() + " limit=" + limit + " reason=\"" + reply.reason() + "\"");
        }
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
