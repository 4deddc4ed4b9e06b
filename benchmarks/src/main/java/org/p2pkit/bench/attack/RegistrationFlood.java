package org.p2pkit.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Message;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * One host registers as fast as it can (many sockets, many names, 1 000 contents each), then
 * another host tries to join: without per-host quotas (SEC-8) the first fills the index.
 */
final class RegistrationFlood {
    private static final int SOCKETS = 32;
    private static final int BURST = 250;

    private RegistrationFlood() {
    }

    static String run(InetSocketAddress index, int count, int seconds) throws IOException {
        List<UdpHost> sockets = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            sockets.add(new UdpHost(Hosts.ATTACKER, index));
        }
        long sent = 0;
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        try (ReplyCounter counter = new ReplyCounter(sockets)) {
            while (sent < count && System.nanoTime() < deadline) {
                UdpHost socket = sockets.get((int) (sent / 1000 % SOCKETS)); // one owner per name (SEC-1)
                for (int k = 0; k < BURST && sent < count; k++, sent++) {
                    int peer = (int) (sent / 1000);
                    socket.send(new Registration(new PeerName("f" + peer), new ContentName("c" + (sent % 1000)),
                            new PeerAddress(Hosts.ATTACKER.getHostAddress(), 1 + peer % 65_000)));
                }
                counter.await(sent, 20); // as fast as the index answers, past what it drops
            }
            counter.await(sent, 200);
            long accepted = counter.acknowledgements.get();
            double took = (System.nanoTime() - start) / 1e9;
            try (UdpHost victim = new UdpHost(Hosts.VICTIM, index)) {
                long t0 = System.nanoTime();
                Message joined = victim.ask(new Registration(new PeerName("victim"), new ContentName("song"),
                        new PeerAddress(Hosts.VICTIM.getHostAddress(), 40_000)), 2000);
                Message found = victim.ask(new SearchRequest(new PeerName("victim"), new ContentName("song")), 2000);
                double millis = (System.nanoTime() - t0) / 1e6;
                boolean ok = joined instanceof Acknowledgement && found instanceof SearchHit;
                return String.format("| registration flood | one host sent %,d registrations in %.1f s, %,d accepted | another host %s (%.1f ms for R and S)%s |",
                        sent, took, accepted, ok ? "registers and is found" : "is refused", millis,
                        ok ? "" : ": " + describe(joined));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "| registration flood | interrupted |";
        } finally {
            sockets.forEach(UdpHost::close);
        }
    }

    private static String describe(Message m) {
        return m == null ? "no reply" : m.getClass().getSimpleName() + " " + m.fields();
    }
}
