package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.assertPdu;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.LogBounds;

/**
 * SEC-10: the log stays bounded whatever arrives: 10^4 bad datagrams of three kinds from twelve
 * hosts make at most two lines per kind and summary interval, the first of each kind in full, and
 * the summaries account for every datagram, naming at most ten hosts per kind.
 */
class LogBoundsTest {
    private static final int DATAGRAMS = 10_000;
    private static final int HOSTS = 12;
    private static final int SOURCES_NAMED = 10;
    private static final long INTERVAL_MILLIS = 500;
    /** The kinds sent: short (RECV-4), unknown type (RECV-2), reply type (RECV-3); none is answered. */
    private static final List<byte[]> BAD = List.of(new byte[] {'R', 'x'}, Pdus.text('X', "junk"), Pdus.text('A', ""));
    private static final int KINDS = BAD.size();
    /** Generous for either line: a full line of these kinds is about 110 bytes, a summary naming ten hosts about 250. */
    private static final int MAX_LINE_BYTES = 400;
    private static final Pattern SUMMARY = Pattern.compile("summary kind=bad-input:RECV-\\d count=(\\d+) interval=\\d+ms "
            + "hosts=\"([^\"]*)\" others=(\\d+)");

    @Test
    @DisplayName("SEC-10: 10^4 bad datagrams from 12 hosts: bytes logged bounded per interval, every datagram counted")
    void logStaysBoundedUnderAFlood() throws IOException {
        IndexOptions options = IndexOptions.ephemeralLoopback().withThreads(1)
                .withReplyRate(new ReplyRate(1_000_000, 1_000_000)) // every datagram reaches the log
                .withLogBounds(new LogBounds(Duration.ofMillis(INTERVAL_MILLIS), SOURCES_NAMED));
        List<UdpClient> clients = new ArrayList<>();
        List<String> lines;
        long start;
        long elapsedMillis;
        try (LogCapture log = new LogCapture()) {
            try (IndexServer index = IndexServer.start(options)) {
                for (int host = 1; host <= HOSTS; host++) {
                    clients.add(new UdpClient(index.address(), InetAddress.getByName("127.0.0." + host)));
                }
                start = System.nanoTime();
                for (int n = 0; n < DATAGRAMS; n++) {
                    UdpClient client = clients.get(n % HOSTS);
                    client.send(BAD.get(n / HOSTS % KINDS)); // every host sends every kind
                    if (n % HOSTS == HOSTS - 1 && n / HOSTS % 8 == 7) {
                        // Every client has handled its last datagrams when its fence comes back, so none
                        // is lost to a full socket buffer.
                        clients.forEach(c -> assertPdu(ListEnd.COMPLETE, c.exchange(UdpClient.FENCE)));
                    }
                }
                clients.forEach(c -> assertPdu(ListEnd.COMPLETE, c.exchange(UdpClient.FENCE)));
            } finally {
                clients.forEach(UdpClient::close);
            }
            elapsedMillis = (System.nanoTime() - start) / 1_000_000; // the index is closed: its last summaries are out
            lines = log.take();
        }

        long bytes = lines.stream().mapToLong(line -> line.length() + 1).sum();
        long intervals = elapsedMillis / INTERVAL_MILLIS + 2;
        long bound = intervals * KINDS * 2 * MAX_LINE_BYTES;
        assertTrue(bytes <= bound, () -> bytes + " bytes in " + lines.size() + " lines over " + elapsedMillis
                + " ms; bound " + bound + ":\n" + String.join("\n", lines));

        long full = lines.stream().filter(l -> l.startsWith(IndexLog.EVENT + " from=")).count();
        long counted = 0;
        int summaries = 0;
        boolean othersCounted = false;
        for (String line : lines) {
            Matcher summary = SUMMARY.matcher(line);
            if (summary.matches()) {
                summaries++;
                counted += Long.parseLong(summary.group(1));
                int named = summary.group(2).split(", ").length;
                assertTrue(named <= SOURCES_NAMED, line);
                othersCounted |= named == SOURCES_NAMED && Long.parseLong(summary.group(3)) > 0;
            }
        }
        assertEquals(full + summaries, lines.size(), () -> "only full lines and summaries:\n" + String.join("\n", lines));
        // Each kind's interval has one full line, and a summary counting them all when there were more.
        assertEquals(DATAGRAMS, counted + full - summaries, "every datagram counted once");
        assertTrue(othersCounted, () -> "the two hosts past ten are counted together:\n" + String.join("\n", lines));
    }
}
