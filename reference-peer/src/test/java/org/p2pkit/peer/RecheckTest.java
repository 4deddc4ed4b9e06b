package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.index.IndexOptions;
import org.p2pkit.index.IndexServer;
import org.p2pkit.index.RegisteredPeer;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Message;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;

/**
 * A peer notices an index that forgot its contents and registers them again (spec
 * PEER-RECHECK-1): against the real reference index restarted without its data, and against a
 * scripted index for the other answers. Intervals are short here; the reference is 30 s.
 */
class RecheckTest {
    private static final ContentName SONG = ContentName.of("song");
    private static final ContentName POEM = ContentName.of("poem");
    private static final Duration INTERVAL = Duration.ofMillis(300);
    /** Far beyond the few intervals a check needs, and still a bound. */
    private static final long WAIT_MILLIS = 10_000;

    @TempDir
    Path root;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger peerLog = Logger.getLogger(Peer.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void captureLog() {
        levelBefore = peerLog.getLevel();
        peerLog.setLevel(Level.ALL);
        peerLog.addHandler(capture);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        peerLog.removeHandler(capture);
        peerLog.setLevel(levelBefore);
    }

    @Test
    void aPeerRegistersAgainWhatARestartedIndexForgotAndADownloadFindsItAgain() throws Exception {
        IndexServer first = IndexServer.start(IndexOptions.ephemeralLoopback());
        closing.add(first);
        int port = first.address().getPort();
        byte[] song = TestFiles.lines(300);
        Peer alice = peer("alice", first, INTERVAL);
        TestFiles.write(alice.store().folder(), "song", song);
        TestFiles.write(alice.store().folder(), "poem", TestFiles.lines(20));
        alice.share(SONG);
        alice.share(POEM);

        first.close(); // a restart without its data: the new index, in memory, knows nobody
        IndexServer second = IndexServer.start(IndexOptions.ephemeralLoopback().withPort(port));
        closing.add(second);
        assertTrue(await(() -> contentsOf(second, "alice").equals(List.of(SONG, POEM)) || contentsOf(second, "alice").equals(List.of(POEM, SONG))),
                "alice registered song and poem again at the restarted index: " + second.registry().snapshot());

        String where = "127.0.0.1:" + port;
        assertTrue(await(() -> warnings().contains("the index at " + where + " had forgotten 'song'; registered it again")
                && warnings().contains("the index at " + where + " had forgotten 'poem'; registered it again")), "one line each: " + warnings());
        Peer bob = peer("bob", second, Duration.ZERO);
        bob.download(SONG, Progress.NONE); // "no peer has 'song'" before this change
        assertArrayEquals(song, Files.readAllBytes(bob.store().folder().resolve("song.txt")));
    }

    @Test
    void whileTheIndexStillKnowsAContentTheDuplicateAnswerChangesNothing() throws Exception {
        FakeIndex index = fakeIndex();
        Peer alice = peer("alice", index, INTERVAL);
        TestFiles.write(alice.store().folder(), "song", TestFiles.lines(30));
        alice.share(SONG);

        // the first R, then a check per interval, each answered with the duplicate E by the fake index's registry
        List<Message> requests = index.requests(4);
        assertEquals(List.of(), requests.stream().filter(m -> !(m instanceof Registration r && r.content().equals(SONG))).toList(),
                "only the R of song, sent again: no T, nothing else");
        assertEquals(List.of(SONG), alice.shared(), "song is still shared");
        assertEquals(List.of(), warnings(), "nothing to say while the index knows it");
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.FINE && r.getMessage().contains("still has 'song'")), "checked: " + messages());
    }

    @Test
    void checksAreSpreadOverTheIntervalOneContentAtATime() throws Exception {
        FakeIndex index = fakeIndex();
        List<Long> times = new CopyOnWriteArrayList<>();
        List<ContentName> order = new CopyOnWriteArrayList<>();
        Duration interval = Duration.ofMillis(400);
        Peer alice = peer("alice", index, interval);
        List<ContentName> contents = List.of(ContentName.of("a"), ContentName.of("b"), ContentName.of("c"), ContentName.of("d"));
        for (ContentName c : contents) {
            TestFiles.write(alice.store().folder(), c.value(), TestFiles.lines(5));
            alice.share(c);
        }
        index.script(m -> {
            if (m instanceof Registration r) {
                times.add(System.nanoTime());
                order.add(r.content());
            }
            return List.of(new ErrorReply(IndexClient.DUPLICATE));
        });
        assertTrue(await(() -> times.size() >= 12), "three rounds of four checks: " + times.size());
        assertEquals(contents, order.subList(0, 4), "one round checks every content once, in the order they were shared");
        assertEquals(contents, order.subList(4, 8));
        long gap = interval.toNanos() / contents.size();
        for (int i = 1; i < 12; i++) {
            long apart = times.get(i) - times.get(i - 1);
            assertTrue(apart >= gap * 8 / 10, "check " + i + " came " + apart / 1_000_000 + " ms after the one before; paced at "
                    + gap / 1_000_000 + " ms, never a burst");
        }
    }

    @Test
    void aFailingIndexNeitherStopsThePeerNorFillsItsLog() throws Exception {
        FakeIndex index = fakeIndex();
        Peer alice = peer("alice", index, Duration.ofMillis(200));
        TestFiles.write(alice.store().folder(), "song", TestFiles.lines(30));
        alice.share(SONG);

        AtomicReference<String> answer = new AtomicReference<>("Index full: peers");
        AtomicInteger checks = new AtomicInteger();
        index.script(m -> {
            if (!(m instanceof Registration)) {
                return List.of();
            }
            checks.incrementAndGet();
            String now = answer.get();
            return now == null ? List.of() : now.isEmpty() ? List.of(Acknowledgement.EMPTY) : List.of(new ErrorReply(now));
        });
        assertTrue(await(() -> checks.get() >= 3), "refused three times");
        assertEquals(1, warnings().stream().filter(w -> w.contains("refused to register 'song' again: Index full: peers")).count(),
                "a lasting refusal is logged once: " + warnings());

        answer.set(null); // the index stops answering
        int before = checks.get();
        assertTrue(await(() -> checks.get() >= before + 6), "two checks of three tries each went unanswered");
        assertEquals(1, warnings().stream().filter(w -> w.contains("could not check that the index still has 'song': no reply")).count(),
                "an unreachable index is logged once: " + warnings());

        answer.set(""); // it answers A: it had forgotten song
        assertTrue(await(() -> warnings().stream().anyMatch(w -> w.endsWith("had forgotten 'song'; registered it again"))), warnings().toString());
        assertTrue(messages().stream().anyMatch(m -> m.endsWith("answers again")), messages().toString());
        assertEquals(List.of(SONG), alice.shared(), "still shared through all of it");
        assertFalse(alice.hasLeft());

        index.script(null);
        alice.unshare(SONG); // the peer still works as usual
        assertEquals(List.of(), alice.shared());
    }

    @Test
    void aWithdrawnContentAndAPeerThatLeftAreNotRegisteredAgain() throws Exception {
        FakeIndex index = fakeIndex();
        Peer alice = peer("alice", index, Duration.ofMillis(150));
        TestFiles.write(alice.store().folder(), "song", TestFiles.lines(30));
        TestFiles.write(alice.store().folder(), "poem", TestFiles.lines(30));
        alice.share(SONG);
        alice.share(POEM);
        alice.unshare(POEM);
        int withdrawnAt = index.requests().size();
        Thread.sleep(600);
        List<Message> after = index.requests().subList(withdrawnAt, index.requests().size());
        assertFalse(after.isEmpty(), "song was checked meanwhile");
        assertTrue(after.stream().allMatch(m -> m instanceof Registration r && r.content().equals(SONG)), "poem was withdrawn: " + after);

        alice.leave();
        assertTrue(await(() -> index.requests().contains(new PeerDeregistration(alice.name()))), "alice left: " + index.requests());
        int leftAt = index.requests().indexOf(new PeerDeregistration(alice.name()));
        Thread.sleep(600);
        assertTrue(index.requests().subList(leftAt, index.requests().size()).stream().allMatch(PeerDeregistration.class::isInstance),
                "nothing but the deregistration after it: " + index.requests());
        assertFalse(index.requests().contains(new ContentDeregistration(alice.name(), SONG)));
    }

    @Test
    void intervalZeroSendsNoCheck() throws Exception {
        FakeIndex index = fakeIndex();
        Peer zoe = peer("zoe", index, Duration.ZERO);
        TestFiles.write(zoe.store().folder(), "song", TestFiles.lines(30));
        zoe.share(SONG);
        Thread.sleep(700);
        assertEquals(1, index.requests().size(), "the registration only: " + index.requests());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("p2p-recheck-zoe")), "no thread for it");
    }

    private FakeIndex fakeIndex() throws IOException {
        FakeIndex index = FakeIndex.start();
        closing.add(index);
        return index;
    }

    private Peer peer(String name, IndexServer index, Duration interval) throws IOException {
        return peer(name, PeerOptions.defaults(index.address()), interval);
    }

    private Peer peer(String name, FakeIndex index, Duration interval) throws IOException {
        return peer(name, PeerOptions.defaults(index.address()), interval);
    }

    private Peer peer(String name, PeerOptions defaults, Duration interval) throws IOException {
        PeerOptions options = defaults.withFolder(Files.createDirectories(root.resolve(name))).withHost("127.0.0.1")
                .withRecheckInterval(interval);
        Peer peer = Peer.start(PeerName.of(name), options);
        closing.add(peer);
        return peer;
    }

    private static List<ContentName> contentsOf(IndexServer index, String peer) {
        return index.registry().snapshot().stream().filter(p -> p.peer().equals(PeerName.of(peer)))
                .flatMap(p -> p.contents().stream().map(RegisteredPeer.Content::content)).toList();
    }

    private List<String> warnings() {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(RecheckTest::text).toList();
    }

    private List<String> messages() {
        return logged.stream().map(RecheckTest::text).toList();
    }

    private static String text(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
