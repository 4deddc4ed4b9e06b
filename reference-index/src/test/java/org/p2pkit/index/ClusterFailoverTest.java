package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CLUSTER-2 and CLUSTER-4 as a user meets them: three {@code p2p-index --cluster-port} processes
 * on loopback take a registration storm at all members; one member is killed with SIGKILL during
 * it; both survivors then list every registration any member acknowledged, and none that was never
 * sent. (Registrations not acknowledged, whose senders gave up while the survivors took over the
 * dead member's share, may still complete while the survivors are listed, so their lists may differ
 * in those.)
 */
class ClusterFailoverTest {
    private static final int MEMBERS = 3;
    private static final int CLIENTS_PER_MEMBER = 2;
    /** Registrations the survivors acknowledge after the kill, across the takeover of the dead member's entries. */
    private static final int AFTER_KILL = 60;

    @Test
    @DisplayName("CLUSTER-2, CLUSTER-4: a member killed during a registration storm loses no registration that any "
            + "member acknowledged: every survivor lists them all")
    void aMemberKilledDuringAStormLosesNothingAcknowledged() throws Exception {
        List<String> join = new ArrayList<>();
        for (int n = 0; n < MEMBERS; n++) {
            join.add("127.0.0.1:" + LoopbackCluster.freePort());
        }
        List<Process> members = new ArrayList<>();
        try {
            List<InetSocketAddress> addresses = new ArrayList<>();
            // the first member alone, so that the others join it rather than form clusters of their own to be merged
            members.add(start(join, 0));
            addresses.add(IndexProcesses.ready(members.get(0)));
            for (int n = 1; n < MEMBERS; n++) {
                members.add(start(join, n));
            }
            for (int n = 1; n < MEMBERS; n++) {
                addresses.add(IndexProcesses.ready(members.get(n)));
            }
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            int victim = 0;
            storm(addresses, attempted, acknowledged, members.get(victim), 150 + new Random(20261202L).nextInt(150));
            for (int n = 0; n < MEMBERS; n++) {
                if (n == victim) {
                    continue;
                }
                Set<String> listed = IndexProcesses.listed(addresses.get(n));
                Set<String> lost = IndexProcesses.lost(acknowledged, listed);
                int member = n;
                assertTrue(lost.isEmpty(), () -> "member " + member + " lost " + lost.size() + " of " + acknowledged.size()
                        + " acknowledged registrations: " + lost);
                Set<String> invented = new TreeSet<>(listed);
                invented.removeAll(attempted);
                assertTrue(invented.isEmpty(), () -> "member " + member + " lists registrations nobody sent: " + invented);
            }
        } finally {
            for (Process member : members) {
                IndexProcesses.kill(member);
            }
        }
    }

    private static Process start(List<String> join, int n) throws Exception {
        String port = join.get(n).substring(join.get(n).indexOf(':') + 1);
        return IndexProcesses.start("--cluster-port", port, "--join", String.join(",", join),
                "--cluster-name", "failover-" + join.get(0).substring(join.get(0).indexOf(':') + 1));
    }

    /**
     * Registers from {@link #CLIENTS_PER_MEMBER} senders at each member at once, kills {@code victim}
     * once {@code killAt} registrations are acknowledged, and stops the storm once the survivors have
     * acknowledged {@link #AFTER_KILL} more. A sender whose request got no reply goes on from a new
     * socket, under new peer names, as a late reply must not be taken for the answer to its next request.
     */
    private static void storm(List<InetSocketAddress> members, Set<String> attempted, Set<String> acknowledged,
            Process victim, int killAt) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(members.size() * CLIENTS_PER_MEMBER);
        try {
            for (int m = 0; m < members.size(); m++) {
                for (int c = 0; c < CLIENTS_PER_MEMBER; c++) {
                    InetSocketAddress member = members.get(m);
                    String sender = "m" + m + "c" + c;
                    senders.submit(() -> {
                        for (int socket = 0; !stop.get(); socket++) {
                            try (UdpClient client = new UdpClient(member)) {
                                IndexProcesses.register(client, sender + "s" + socket + "n", attempted, acknowledged, stop);
                            }
                        }
                    });
                }
            }
            awaitAcknowledged(acknowledged, killAt);
            IndexProcesses.kill(victim);
            awaitAcknowledged(acknowledged, acknowledged.size() + AFTER_KILL);
        } finally {
            stop.set(true);
            senders.shutdown();
            // a sender waiting for a reply gets it or gives up (UdpClient.REPLY_TIMEOUT_MILLIS), then stops
            assertTrue(senders.awaitTermination(IndexProcesses.WAIT_SECONDS, TimeUnit.SECONDS), "the senders stop");
        }
    }

    private static void awaitAcknowledged(Set<String> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(IndexProcesses.WAIT_SECONDS);
        while (acknowledged.size() < count) {
            assertTrue(System.nanoTime() < deadline, () -> "the storm stalled at " + acknowledged.size() + " acknowledged");
            Thread.sleep(10);
        }
    }
}
