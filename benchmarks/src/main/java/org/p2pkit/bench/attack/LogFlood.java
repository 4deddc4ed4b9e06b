package org.p2pkit.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.p2pkit.bench.ColdProcess;
import org.p2pkit.model.PduCodec;

/** One host sends malformed datagrams as fast as it can; the index's log must stay bounded (SEC-10). */
final class LogFlood {
    private LogFlood() {
    }

    static String run(ColdProcess index, InetSocketAddress address, int count) throws IOException, InterruptedException {
        byte[] bad = Arrays.copyOf("Rmallory  ;song     ,127.0.0.2/1".getBytes(StandardCharsets.US_ASCII), PduCodec.PDU_SIZE);
        long before = index.logBytes();
        long start = System.nanoTime();
        try (UdpHost attacker = new UdpHost(Hosts.ATTACKER, address); ReplyCounter counter = new ReplyCounter(List.of(attacker))) {
            for (int i = 0; i < count; i++) {
                attacker.send(bad);
                if (i % 1000 == 999) {
                    counter.await(i + 1, 5); // keep the kernel's buffers from dropping most of it
                }
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        Thread.sleep(11_000); // one summary interval, so that its line is counted too
        long logged = index.logBytes() - before;
        return String.format("| log flood | one host sent %,d malformed requests in %.1f s | the index logged %,d bytes (%.0f bytes per second over %.0f s) |",
                count, took, logged, logged / (took + 11), took + 11);
    }
}
