package org.p2pkit.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.p2pkit.conformance.roles.ContentFetch;
import org.p2pkit.conformance.run.WireLog;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;

/**
 * One host holds a content server's connections, idle or dripping a request a byte at a time,
 * while another host downloads (SEC-11, SEC-12): the downloads must go on.
 */
final class SlotAttack {
    private SlotAttack() {
    }

    static String run(InetSocketAddress server, String mode, int connections, int downloads) throws IOException, InterruptedException {
        byte[] request = PduCodec.encode(new DownloadRequest(new PeerName("alice"), new ContentName("song")));
        List<Socket> held = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        int failed = 0;
        boolean[] stop = {false};
        Thread attacker = new Thread(() -> hold(server, mode, connections, request, held, stop), "attacker");
        attacker.setDaemon(true);
        attacker.start();
        Thread.sleep(2000); // the attack is in place
        try {
            for (int i = 0; i < downloads; i++) {
                long t0 = System.nanoTime();
                ContentFetch.Result result = ContentFetch.run(server, Hosts.VICTIM, request, "victim", new WireLog(), 5000);
                double took = (System.nanoTime() - t0) / 1e6;
                if (result.problem() == null && result.content().length > 0) {
                    millis.add(took);
                } else {
                    failed++;
                }
                Thread.sleep(500);
            }
        } finally {
            stop[0] = true;
            attacker.join(10_000);
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
        double worst = millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format("| slot attack (%s) | one host keeps %,d connections %s | another host: %d of %d downloads done, slowest %.0f ms |",
                mode, connections, mode.equals("idle") ? "open and reopens those closed" : "dripping a D one byte every 5 s",
                millis.size(), downloads, worst);
    }

    /** Keeps {@code connections} open from the attacker host, reopening any the server closes. */
    private static void hold(InetSocketAddress server, String mode, int connections, byte[] request, List<Socket> held, boolean[] stop) {
        int sentBytes = 0;
        long lastDrip = 0;
        while (!stop[0]) {
            synchronized (held) {
                held.removeIf(Socket::isClosed);
                for (Socket s : held) {
                    try {
                        s.setSoTimeout(1);
                        if (s.getInputStream().read() < 0) {
                            s.close();
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // still open
                    } catch (IOException e) {
                        closeQuietly(s);
                    }
                }
                held.removeIf(Socket::isClosed);
                while (held.size() < connections && !stop[0]) {
                    Socket s = new Socket();
                    try {
                        s.bind(new InetSocketAddress(Hosts.ATTACKER, 0));
                        s.connect(server, 1000);
                        held.add(s);
                    } catch (IOException e) {
                        closeQuietly(s);
                        break;
                    }
                }
                if (mode.equals("drip") && System.nanoTime() - lastDrip > 5_000_000_000L) {
                    lastDrip = System.nanoTime();
                    byte b = request[sentBytes++ % request.length];
                    for (Socket s : held) {
                        try {
                            s.getOutputStream().write(b);
                        } catch (IOException e) {
                            closeQuietly(s);
                        }
                    }
                }
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // going anyway
        }
    }
}
