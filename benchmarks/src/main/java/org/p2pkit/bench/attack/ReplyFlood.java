package org.p2pkit.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;

/**
 * Reflection: list requests whose source stands for a victim (one host here; an attacker would
 * forge it). What reaches that address per second is what SEC-9 bounds.
 */
final class ReplyFlood {
    private ReplyFlood() {
    }

    static String run(InetSocketAddress address, int count) throws IOException, InterruptedException {
        // ten peers listed, so that each list request gets a full page of 10 entries and the end marker
        for (int i = 0; i < 10; i++) {
            try (UdpHost peer = new UdpHost(Hosts.TARGET, address)) {
                peer.ask(new Registration(new PeerName("p" + i), new ContentName("song"), new PeerAddress(Hosts.TARGET.getHostAddress(), 40_000 + i)), 1000);
            }
        }
        try (UdpHost victim = new UdpHost(Hosts.VICTIM, address); ReplyCounter counter = new ReplyCounter(List.of(victim))) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                victim.send(new ListRequest(new PeerName("victim"), 0));
                if (i % 100 == 99) {
                    counter.await((i + 1) * 11L, 5);
                }
            }
            counter.await(count * 11L, 500);
            double took = (System.nanoTime() - start) / 1e9;
            long replies = counter.replies.get();
            return String.format("| reflection | %,d list requests (%,d bytes) toward one address in %.1f s | %,d replies (%,d bytes) reached it, %.0f per second |",
                    count, count * 101L, took, replies, replies * 101, replies / took);
        }
    }
}
