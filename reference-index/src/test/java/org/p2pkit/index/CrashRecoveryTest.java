package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
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
    private static final Pattern READY = Pattern.compile("p2p-index listening on udp 127\\.0\\.0\\.1:(\\d+)");
    private static final long WAIT_SECONDS = 60; // only reached if the process hangs
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
                InetSocketAddress where = ready(index);
                assertNothingLost(acknowledged, listed(where), "round " + round);
                storm(where, round, acknowledged, 100 + random.nextInt(900), index);
            } finally {
                index.destroyForcibly();
                index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        Process index = start();
        try {
            assertNothingLost(acknowledged, listed(ready(index)), "after the last round");
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
            BufferedReader out = output(index);
            try (UdpClient client = new UdpClient(ready(out))) {
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
            BufferedReader out = output(index);
            assertEquals("p2p-index keeps its registry in " + dir.resolve(RegistryStore.FILE_NAME)
                    + ": 1 peer, 1 registration restored", out.readLine());
            assertEquals(Set.of("alice/song"), listed(ready(out)));
        } finally {
            index.destroyForcibly();
            index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void assertNothingLost(Set<String> acknowledged, Set<String> listed, String when) {
        Set<String> lost = new TreeSet<>(acknowledged);
        lost.removeAll(listed);
        assertTrue(lost.isEmpty(), () -> when + ": " + lost.size() + " of " + acknowledged.size()
                + " acknowledged registrations lost: " + lost);
    }

    private Process start() throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", "0", "--bind", "127.0.0.1", "--data", dir.toString(), "--threads", "2",
                "--max-replies-per-second-per-host", "1000000", "--reply-burst-per-host", "1000000",
                "--max-peers-per-host", "100000", "--max-registrations-per-host", "1000000")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static BufferedReader output(Process index) {
        return new BufferedReader(new InputStreamReader(index.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static InetSocketAddress ready(Process index) throws IOException {
        return ready(output(index));
    }

    private static InetSocketAddress ready(BufferedReader out) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(ready.group(1)));
            }
        }
        throw new AssertionError("the index did not get ready");
    }

    /**
     * Registers new contents from {@link #CLIENTS} sources at once, recording each registration the
     * index acknowledged, until the client that receives the {@code killAt}-th acknowledgement kills
     * the index at once: so the kill falls right after an A, where an index that acknowledged
     * before writing would lose it.
     */
    private static void storm(InetSocketAddress where, int round, Set<String> acknowledged, int killAt, Process index)
            throws Exception {
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger acks = new AtomicInteger();
        Runnable kill = () -> {
            index.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            killed.countDown();
        };
        List<UdpClient> clients = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int c = 0; c < CLIENTS; c++) {
                UdpClient client = new UdpClient(where);
                clients.add(client);
                String prefix = "r" + round + "c" + c + "n";
                senders.submit(() -> register(client, prefix, acknowledged, () -> acks.incrementAndGet() == killAt, kill,
                        killed));
            }
            assertTrue(killed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the storm reached " + killAt + " acknowledgements");
            index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            clients.forEach(UdpClient::close); // wakes the senders blocked in receive
            senders.shutdown();
            assertTrue(senders.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "the senders stop");
        }
    }

    private static void register(UdpClient client, String prefix, Set<String> acknowledged, BooleanSupplier lastAck,
            Runnable kill, CountDownLatch killed) {
        PeerAddress address = PeerAddress.of(client.address());
        for (int n = 0; killed.getCount() > 0; n++) {
            PeerName peer = PeerName.of(prefix + n / 3);
            ContentName content = ContentName.of("c" + n % 3);
            byte[] reply;
            try {
                reply = client.exchange(new Registration(peer, content, address));
            } catch (UncheckedIOException | AssertionError e) {
                return; // the index is gone, or our socket was closed after it
            }
            if (PduCodec.decode(reply, Direction.REPLY) instanceof Acknowledgement) {
                acknowledged.add(peer.value() + "/" + content.value());
                if (lastAck.getAsBoolean()) {
                    kill.run();
                    return;
                }
            }
        }
    }

    /** Every registration the index lists, as peer/content, read page by page over O (IDX-LIST-2). */
    private static Set<String> listed(InetSocketAddress where) {
        Set<String> listed = new HashSet<>();
        try (UdpClient client = new UdpClient(where)) {
            int start = 0;
            do {
                ListEnd end = null;
                for (byte[] reply : client.list(new ListRequest(PeerName.of("reader"), start))) {
                    Message message = PduCodec.decode(reply, Direction.REPLY);
                    if (message instanceof ListEntry entry) {
                        entry.contents().forEach(content -> listed.add(entry.peer().value() + "/" + content.value()));
                    } else {
                        end = (ListEnd) message;
                    }
                }
                start = end.isComplete() ? -1 : end.continueAt();
            } while (start >= 0);
        }
        return listed;
    }
}
