package org.p2pkit.peer;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What clients make the content server log, bounded whatever they do (spec SEC-10): the first
 * event of each kind in an interval in full, the others counted and summarised at the next event
 * after the interval, naming at most {@link #HOSTS_NAMED} hosts per kind.
 */
final class ClientLog {
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final int HOSTS_NAMED = 10;

    private final Logger log;
    private final long intervalNanos;
    private long intervalStart;
    private final Set<String> shown = new LinkedHashSet<>();
    private final Map<String, Map<InetAddress, Integer>> counted = new LinkedHashMap<>();
    private final Map<String, Integer> others = new LinkedHashMap<>();

    ClientLog(Logger log, Duration interval, long now) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.intervalStart = now;
    }

    /** One event of {@code kind} caused by {@code host}; {@code line} is built only when it is shown. */
    synchronized void event(long now, String kind, InetAddress host, Supplier<String> line) {
        if (now - intervalStart >= intervalNanos) {
            summarise();
            intervalStart = now;
        }
        if (shown.add(kind)) {
            log.info(line);
            return;
        }
        Map<InetAddress, Integer> hosts = counted.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        if (hosts.containsKey(host) || hosts.size() < HOSTS_NAMED) {
            hosts.merge(host, 1, Integer::sum);
        } else {
            others.merge(kind, 1, Integer::sum);
        }
    }

    private void summarise() {
        counted.forEach((kind, hosts) -> {
            StringBuilder line = new StringBuilder("and ").append(hosts.values().stream().mapToInt(Integer::intValue).sum()
                    + others.getOrDefault(kind, 0)).append(" more '").append(kind).append("' in ").append(intervalNanos / 1_000_000_000L)
                    .append(" s, from");
            hosts.forEach((host, n) -> line.append(' ').append(host.getHostAddress()).append(" (").append(n).append(')'));
            if (others.containsKey(kind)) {
                line.append(" and ").append(others.get(kind)).append(" from other hosts");
            }
            log.info(line.toString());
        });
        shown.clear();
        counted.clear();
        others.clear();
    }
}
