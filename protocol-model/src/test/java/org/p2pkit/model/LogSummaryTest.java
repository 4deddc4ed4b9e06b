package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogSummaryTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<String> lines = new ArrayList<>();

    private Logger capturing() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return logger;
    }

    private static InetAddress host(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void aFloodOfOneKindIsShownOnceThenSummarisedNamingABoundedNumberOfHosts() throws Exception {
        LogSummary summary = new LogSummary(capturing(), new LogBounds(Duration.ofSeconds(10), 10));
        long now = System.nanoTime();
        int shown = 0;
        for (int i = 0; i < 10_000; i++) {
            shown += summary.count("refused", Level.INFO, host(2 + i % 12), now + i) ? 1 : 0;
        }
        assertEquals(1, shown, "only the first of the interval is for the caller to log in full");
        assertEquals(List.of(), lines, "nothing is summarised before the interval ends");
        summary.rollIfDue(now + 11 * SECOND);
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("summary kind=refused count=10000 interval=10000ms hosts=\"127.0.0.2 x"), line);
        assertEquals(10, line.split(" x").length - 1, "ten hosts named: " + line);
        assertTrue(line.endsWith("\" others=1666"), "the two hosts past the tenth counted together: " + line);
        assertTrue(summary.count("refused", Level.INFO, host(2), now + 12 * SECOND), "a new interval shows the first in full again");
    }

    @Test
    void eachKindIsShownOnceInFullAndAloneIsNotSummarised() throws Exception {
        LogSummary summary = new LogSummary(capturing(), new LogBounds(Duration.ofSeconds(10), 10));
        long now = System.nanoTime();
        assertTrue(summary.count("refused", Level.INFO, host(2), now));
        assertTrue(summary.count("sent", Level.INFO, host(2), now));
        assertFalse(summary.count("sent", Level.INFO, host(2), now));
        summary.roll(now + 1);
        assertEquals(1, lines.size(), "one summary, for the kind with more than its first event: " + lines);
        assertTrue(lines.get(0).startsWith("summary kind=sent count=2 "), lines.get(0));
    }
}
