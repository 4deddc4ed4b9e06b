package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;

/**
 * PERSIST-1 as a user meets it: {@code p2p-index --data DIR} killed with SIGKILL at a random
 * moment of a registration storm, then started again on the same folder, still holds every
 * registration it acknowledged.
 */
class CrashRecoveryTest {
    private static final long WAIT_SECONDS = IndexProcesses.WAIT_SECONDS;
    private static final int CLIENTS = 3;
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    @DisplayName("PERSIST-1: after kill -9 at random points of a registration storm, a restart holds every acknowledged registration")
    void killedDuringAStormLosesNothingAcknowledged() throws Exception {
        Random random = new Random(20261201L);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < ROUNDS; round++) {
            Process index = start();
            try {
                InetSocketAddress where = IndexProcesses.ready(index);
                assertNothingLost(acknowledged, IndexProcesses.listed(where), "round " + round);
                storm(where, round, acknowledged, 100 + random.nextInt(900), index);
            } finally {
                index.destroyForcibly();
                index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        Process index = start();
        try {
            assertNothingLost(acknowledged, IndexProcesses.listed(IndexProcesses.ready(index)), "after the last round");
            assertTrue(acknowledged.size() > 100, () -> "the storm registered too little to prove anything: " + acknowledged.size());
        } finally {
            index.destroyForcibly();
            index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("PERSIST-1: after a clean stop (SIGTERM) the index says where it kept the registry, and a restart restores it")
    void aCleanStopKeepsTheRegistry() throws Exception {
        Process index = start();
        try {
            BufferedReader out = IndexProcesses.output(index);
            try (UdpClient client = new UdpClient(IndexProcesses.ready(out))) {
                PduCodec.decode(client.exchange(new Registration(PeerName.of("alice"), ContentName.of("song"),
                        PeerAddress.of(client.address()))), Direction.REPLY);
            }
            index.toHandle().destroy(); // SIGTERM
            String file = dir.resolve(RegistryStore.FILE_NAME).toString();
            assertEquals("p2p-index stopped: 1 peer, 1 registration kept in " + file, out.readLine());
            assertTrue(index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, index.exitValue());
        } finally {
            index.destroyForcibly();
        }
        index = start();
        try {
            BufferedReader out = IndexProcesses.output(index);
            assertEquals("p2p-index keeps its registry in " + dir.resolve(RegistryStore.FILE_NAME)
                    + ": 1 peer, 1 registration restored", out.readLine());
            assertEquals(Set.of("alice/song"), IndexProcesses.listed(IndexProcesses.ready(out)));
        } finally {
            index.destroyForcibly();
            index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void assertNothingLost(Set<String> acknowledged, Set<String> listed, String when) {
        Set<String> lost = IndexProcesses.lost(acknowledged, listed);
        assertTrue(lost.isEmpty(), () -> when + ": " + lost.size() + " of " + acknowledged.size()
                + " acknowledged registrations lost: " + lost);
    }

    private Process start() throws IOException {
        return IndexProcesses.start("--data", dir.toString());
    }

    /**
     * Registers new contents from {@link #CLIENTS} sources at once, recording each registration the
     * index acknowledged, until the client that receives the {@code killAt}-th acknowledgement kills
     * the index at once: so the kill falls right after an A, where an index that acknowledged
     * before writing would lose it.
     */
    private static void storm(InetSocketAddress where, int round, Set<String> acknowledged, int killAt, Process index)
            throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger acks = new AtomicInteger();
        Runnable killAtTheAck = () -> {
            if (acks.incrementAndGet() == killAt) {
                index.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
                killed.set(true);
            }
        };
        List<UdpClient> clients = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int c = 0; c < CLIENTS; c++) {
                UdpClient client = new UdpClient(where);
                clients.add(client);
                String prefix = "r" + round + "c" + c + "n";
                senders.submit(() -> IndexProcesses.register(client, prefix, ConcurrentHashMap.newKeySet(), acknowledged,
                        killed, killAtTheAck));
            }
            assertTrue(index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the storm reached " + killAt + " acknowledgements");
        } finally {
            clients.forEach(UdpClient::close); // wakes the senders blocked in receive
            senders.shutdown();
            assertTrue(senders.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "the senders stop");
        }
    }
}
