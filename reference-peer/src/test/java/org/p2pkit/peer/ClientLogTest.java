package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ClientLogTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = capturing();

    private Logger capturing() {
        Logger l = Logger.getAnonymousLogger();
        l.setUseParentHandlers(false);
        l.addHandler(new Handler() {
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
        return l;
    }

    private static InetAddress host(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void aFloodOfOneKindIsOneLineThenOneSummaryPerInterval() throws Exception {
        ClientLog log = new ClientLog(logger, Duration.ofSeconds(10), 0);
        for (int i = 0; i < 10_000; i++) {
            log.event(i * 1000L, "refused", host(2 + i % 12), () -> "127.0.0.x: refused: Malformed PDU");
        }
        assertEquals(List.of("127.0.0.x: refused: Malformed PDU"), lines, "the first in full, the rest counted");
        log.event(11 * SECOND, "refused", host(2), () -> "after the interval");
        assertEquals(3, lines.size(), lines.toString());
        String summary = lines.get(1);
        assertTrue(summary.startsWith("and 9999 more 'refused' in 10 s, from 127.0.0.3 ("), summary);
        assertTrue(summary.endsWith(" from other hosts"), "hosts past the tenth are counted together: " + summary);
        assertEquals(10, summary.split("127\\.0\\.0\\.").length - 1, "ten hosts named: " + summary);
        assertEquals("after the interval", lines.get(2), "a new interval shows the first in full again");
    }

    @Test
    void eachKindIsShownOnceInFull() throws Exception {
        ClientLog log = new ClientLog(logger, Duration.ofSeconds(10), 0);
        log.event(0, "refused", host(2), () -> "refused");
        log.event(0, "sent", host(2), () -> "sent");
        log.event(0, "sent", host(2), () -> "sent again");
        assertEquals(List.of("refused", "sent"), lines);
    }
}
