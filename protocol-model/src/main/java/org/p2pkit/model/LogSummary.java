package org.p2pkit.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds the log lines that remote input causes (spec SEC-10). Every event has a kind, from a
 * small fixed set (what happened and the rule, e.g. {@code bad-input:RECV-4}). In each interval
 * the first event of a kind is logged in full by the caller; the others are only counted per
 * source host, and when the interval ends one summary line per kind gives the counts, naming at
 * most a bounded number of hosts and counting the rest together. So at most two lines per kind
 * and interval are written, whatever arrives, and the memory held is bounded the same way.
 * Shared by the index and the peer's content server, whose remote events it bounds alike.
 */
public final class LogSummary {
    /** The counts of one kind in the current interval. */
    private static final class Counts {
        final Level level;
        long events;
        /** Events per host, for the first hosts seen in the interval; insertion order. */
        final Map<InetAddress, long[]> byHost = new LinkedHashMap<>();
        long others;

        Counts(Level level) {
            this.level = level;
        }

        /** Counts one event; true when it is the first of the interval. */
        synchronized boolean count(InetAddress host, int maxHosts) {
            long[] count = byHost.get(host);
            if (count == null && byHost.size() < maxHosts) {
                count = new long[1];
                byHost.put(host, count);
            }
            if (count == null) {
                others++;
            } else {
                count[0]++;
            }
            return events++ == 0;
        }

        /** The summary of the interval, or null when every event was logged in full; starts the next interval. */
        synchronized String take(String kind, long intervalMillis) {
            String line = null;
            if (events > 1) {
                StringBuilder text = new StringBuilder(64 + 24 * byHost.size())
                        .append("summary kind=").append(kind).append(" count=").append(events)
                        .append(" interval=").append(intervalMillis).append("ms hosts=\"");
                String separator = "";
                for (Map.Entry<InetAddress, long[]> entry : byHost.entrySet()) {
                    text.append(separator).append(entry.getKey() == null ? "in-process" : entry.getKey().getHostAddress())
                            .append(" x").append(entry.getValue()[0]);
                    separator = ", ";
                }
                line = text.append("\" others=").append(others).toString();
            }
            events = 0;
            others = 0;
            byHost.clear();
            return line;
        }
    }

    private final Logger log;
    private final long intervalNanos;
    private final int hostsPerKind;
    private final Map<String, Counts> kinds = new ConcurrentHashMap<>();
    private final Object rolling = new Object();
    private volatile long intervalEnd;

    public LogSummary(Logger log, LogBounds bounds) {
        this.log = log;
        this.intervalNanos = bounds.summaryInterval().toNanos();
        this.hostsPerKind = bounds.sourcesPerKind();
        this.intervalEnd = System.nanoTime() + intervalNanos;
    }

    /**
     * Counts an event of {@code kind} from {@code host} (null: in process) at {@code now}.
     *
     * @return true when the caller logs this event in full: it is the first of its kind in the interval
     */
    public boolean count(String kind, Level level, InetAddress host, long now) {
        rollIfDue(now);
        Counts counts = kinds.get(kind);
        if (counts == null) {
            counts = kinds.computeIfAbsent(kind, k -> new Counts(level));
        }
        return counts.count(host, hostsPerKind);
    }

    /** Ends the interval when it is over: logs its summaries. Called on events and by a timer, so quiet times end it too. */
    public void rollIfDue(long now) {
        if (now - intervalEnd >= 0) {
            roll(now, true);
        }
    }

    /** Ends the interval now, e.g. when the index stops. */
    public void roll(long now) {
        roll(now, false);
    }

    private void roll(long now, boolean ifDue) {
        List<String> lines = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        synchronized (rolling) {
            if (ifDue && now - intervalEnd < 0) {
                return; // another thread ended it meanwhile
            }
            intervalEnd = now + intervalNanos;
            long intervalMillis = intervalNanos / 1_000_000;
            kinds.forEach((kind, counts) -> {
                String line = counts.take(kind, intervalMillis);
                if (line != null) {
                    lines.add(line);
                    levels.add(counts.level);
                }
            });
        }
        for (int i = 0; i < lines.size(); i++) {
            log.log(levels.get(i), lines.get(i));
        }
    }
}
