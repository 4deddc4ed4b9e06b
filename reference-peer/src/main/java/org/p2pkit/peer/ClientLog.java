package org.p2pkit.peer;

import java.net.InetAddress;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.LogBounds;
import org.p2pkit.model.LogSummary;

/**
 * What clients make the content server log, bounded as the index bounds its log (spec SEC-10):
 * the first event of each kind in an interval in full, the others in one summary per kind.
 */
final class ClientLog {
    private final Logger log;
    private final LogSummary summary;

    ClientLog(Logger log, LogBounds bounds) {
        this.log = log;
        this.summary = new LogSummary(log, bounds);
    }

    /** One event of {@code kind} caused by {@code host}; {@code line} is built only when it is shown. */
    void event(long now, String kind, InetAddress host, Supplier<String> line) {
        if (summary.count(kind, Level.INFO, host, now)) {
            log.info(line);
        }
    }

    /** Ends an interval that is over, so that quiet times write its summaries too. */
    void rollIfDue(long now) {
        summary.rollIfDue(now);
    }
}
