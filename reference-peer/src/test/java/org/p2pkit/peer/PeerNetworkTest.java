package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchRequest;
import org.p2pkit.peer.FakeHolder.Ending;
import org.p2pkit.peer.FakeHolder.Reply;
import org.p2pkit.peer.TransferFailedException.Cause;

/** Reference peers against the fake index: the whole exchange of sections 5 and 6, and every failure path. */
class PeerNetworkTest {
    private static final ContentName SONG = ContentName.of("song");
    /**
     * How long a peer waits for each reply of the scripted index: on a loaded 2-core machine a reply
     * can take longer than 200 ms, and an E that comes too late reads as an unreachable index.
     */
    private static final Duration INDEX_WAIT = Duration.ofMillis(600);

    @TempDir
    Path root;
    private FakeIndex index;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        index = FakeIndex.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        index.close();
    }

    @Test
    void sharesSearchesDownloadsReRegistersAndAThirdPeerDownloadsFromTheSecond() throws Exception {
        byte[] file = TestFiles.lines(3000);
        Peer alice = peer("alice", "song", file);
        Peer bob = peer("bob");
        Peer carol = peer("carol");

        alice.share(SONG);
        DownloadResult bobs = bob.download(SONG, Progress.NONE);
        assertEquals(alice.name(), bobs.holder());
        assertArrayEquals(file, Files.readAllBytes(folder(bob).resolve("song.txt")));
        assertEquals(List.of(SONG), bob.shared()); // XFER-9
        assertTrue(bobs.registrationFailure().isEmpty());

        // alice has served one download, bob none: the index names bob (IDX-SEARCH-2)
        DownloadResult carols = carol.download(SONG, Progress.NONE);
        assertEquals(bob.name(), carols.holder());
        assertEquals(bob.address(), carols.from());
        assertArrayEquals(file, Files.readAllBytes(folder(carol).resolve("song.txt")));
        // a server counts a transfer once its session ends, which may be just after the downloader is done
        assertEquals(1L, awaitTransfers(alice, 1));
        assertEquals(1L, awaitTransfers(bob, 1));

        assertEquals(List.of(
                new ListEntry(alice.name(), List.of(SONG)),
                new ListEntry(bob.name(), List.of(SONG)),
                new ListEntry(carol.name(), List.of(SONG))), carol.list());

        assertEquals(List.<Message>of(
                new Registration(alice.name(), SONG, alice.address(), Optional.of(TestFiles.stamp(file))), // EXT-4
                new SearchRequest(bob.name(), SONG),
                new Registration(bob.name(), SONG, bob.address(), Optional.of(TestFiles.stamp(file))), // EXT-15
                new SearchRequest(carol.name(), SONG),
                new Registration(carol.name(), SONG, carol.address(), Optional.of(TestFiles.stamp(file))),
                new ListRequest(carol.name())), index.requests());
        assertEquals(List.of("song.txt"), TestFiles.names(folder(bob)), "no temporary file left");
    }

    @Test
    void downloadingAContentItAlreadySharesReplacesTheFileAndStaysRegistered() throws Exception {
        Peer alice = peer("alice", "song", TestFiles.lines(10));
        Peer bob = peer("bob", "song", "old\n".getBytes());
        bob.share(SONG);
        alice.share(SONG);
        DownloadResult result = bob.download(SONG, Progress.NONE); // names bob: registered first, tie on served
        assertTrue(result.registrationFailure().isEmpty(), () -> result.registrationFailure().get().getMessage());
        assertEquals(List.of(SONG), bob.shared());
    }

    @Test
    void aContentTheHolderDoesNotShareFailsWithItsErrorAndLeavesNothing() throws Exception {
        Peer alice = peer("alice", "song", TestFiles.lines(10)); // has the file, never registered it
        index.preload("alice", "song", alice.address());
        Peer bob = peer("bob");
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> bob.download(SONG, Progress.NONE));
        assertEquals(Cause.ERROR_REPLY, e.failure());
        assertTrue(e.getMessage().contains("Content 'song' is not shared by this peer"), e.getMessage());
        assertNothingFrom(bob);
    }

    @Test
    void aFileThatVanishedAtTheHolderFailsAndLeavesNothing() throws Exception {
        Peer alice = peer("alice", "song", TestFiles.lines(10));
        alice.share(SONG);
        Files.delete(folder(alice).resolve("song.txt"));
        Peer bob = peer("bob");
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> bob.download(SONG, Progress.NONE));
        assertTrue(e.getMessage().contains("Content 'song' is no longer available"), e.getMessage());
        assertNothingFrom(bob);
    }

    @Test
    void aRefusedConnectionFailsAndLeavesNothing() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        index.preload("ghost", "song", new PeerAddress("127.0.0.1", closedPort));
        Peer bob = peer("bob");
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> bob.download(SONG, Progress.NONE));
        assertEquals(Cause.CONNECT, e.failure());
        assertNothingFrom(bob);
    }

    @Test
    void aStreamCutBeforeTheEndMarkerFailsAndLeavesNothing() throws Exception {
        try (FakeHolder holder = new FakeHolder()) {
            List<Message> stream = DownloaderTest.fullPieces(TestFiles.lines(100));
            holder.enqueue(Reply.of(stream.subList(0, stream.size() - 1), Ending.CLOSE));
            holder.enqueue(Reply.of(stream, Ending.CLOSE).cutAfter(777));
            index.preload("alice", "song", holder.address());
            Peer bob = peer("bob");
            assertEquals(Cause.CUT, assertThrows(TransferFailedException.class, () -> bob.download(SONG, Progress.NONE)).failure());
            assertEquals(Cause.CUT, assertThrows(TransferFailedException.class, () -> bob.download(SONG, Progress.NONE)).failure());
            assertNothingFrom(bob);
        }
    }

    @Test
    void anUnknownContentIsNotFoundAndLeavesNothing() throws Exception {
        Peer bob = peer("bob");
        ContentNotFoundException e = assertThrows(ContentNotFoundException.class, () -> bob.download(SONG, Progress.NONE));
        assertEquals("File not found!", e.reason());
        assertNothingFrom(bob);
    }

    @Test
    void aSilentIndexIsUnreachableAfterItsTriesAndNothingIsDownloaded() throws Exception {
        index.silent();
        Peer bob = peer("bob");
        assertThrows(IndexUnreachableException.class, () -> bob.download(SONG, Progress.NONE));
        assertEquals(3, index.requests(3).size());
        assertNothingFrom(bob);
    }

    @Test
    void aClassicPeerDoesNotShareAFileHoldingANul() throws Exception {
        Peer alice = start("alice", Files.createDirectories(root.resolve("alice")), ContentStore.DEFAULT_PATTERN, Profile.CLASSIC);
        TestFiles.write(folder(alice), "bin", new byte[] {'o', 'k', 0, '!'});
        ContentStoreException e = assertThrows(ContentStoreException.class, () -> alice.share(ContentName.of("bin")));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        assertEquals(List.of(), index.requests()); // refused before anything is sent (XFER-6)
        assertFalse(alice.server().serves(ContentName.of("bin")));
    }

    @Test
    void aNameThatWouldLeaveTheFolderIsRefusedBeforeAnythingIsSent() throws Exception {
        Path share = Files.createDirectories(root.resolve("bare"));
        Peer bob = start("bob", share, "{name}", Profile.EXTENDED);
        assertThrows(ContentStoreException.class, () -> bob.download(ContentName.of(".."), Progress.NONE));
        assertThrows(ContentStoreException.class, () -> bob.share(ContentName.of("..")));
        assertEquals(List.of(), index.requests());
        assertEquals(List.of(), TestFiles.names(share));
    }

    @Test
    void aRefusedRegistrationStopsServingTheContent() throws Exception {
        Peer alice = peer("alice", "song", TestFiles.lines(3));
        index.preload("alice", "song", alice.address()); // the index already has it: duplicate E
        assertThrows(IndexErrorException.class, () -> alice.share(SONG));
        assertFalse(alice.server().serves(SONG));
    }

    @Test
    void deregisteringAContentStopsServingIt() throws Exception {
        Peer alice = peer("alice", "song", TestFiles.lines(3));
        alice.share(SONG);
        alice.unshare(SONG);
        assertFalse(alice.server().serves(SONG));
        assertEquals(List.of(), alice.shared());
        assertEquals(List.of(), alice.list());
    }

    @Test
    void leavingSendsDeregisterPeerAndStopsServing() throws Exception {
        Peer alice = peer("alice", "song", TestFiles.lines(3));
        alice.share(SONG);
        var server = alice.server().localAddress();
        alice.leave();
        alice.leave(); // a second leave sends nothing more
        assertEquals(List.of(new PeerDeregistration(alice.name()), new PeerDeregistration(alice.name())),
                index.requests(3).subList(1, 3)); // IDX-LEAVE-1, sent twice (UDP-3)
        assertTrue(alice.hasLeft());
        assertThrows(ConnectException.class, () -> new Socket(server.getAddress(), server.getPort()).close());
        assertEquals(List.of(), peer("bob").list());
        assertEquals(4, index.requests().size(), "R, T, T, then bob's O: nothing more from alice");
    }

    @Test
    void closingLeaves() throws Exception {
        Peer alice = start("alice", Files.createDirectories(root.resolve("a")), ContentStore.DEFAULT_PATTERN, Profile.EXTENDED);
        closing.remove(alice);
        alice.close();
        assertEquals(new PeerDeregistration(alice.name()), index.take());
    }

    private static long awaitTransfers(Peer peer, long expected) throws InterruptedException {
        for (int i = 0; i < 500 && peer.server().completedTransfers() < expected; i++) {
            Thread.sleep(10);
        }
        return peer.server().completedTransfers();
    }

    private Peer peer(String name) throws IOException {
        return start(name, Files.createDirectories(root.resolve(name)), ContentStore.DEFAULT_PATTERN, Profile.EXTENDED);
    }

    private Peer peer(String name, String content, byte[] bytes) throws IOException {
        Peer peer = peer(name);
        TestFiles.write(folder(peer), content, bytes);
        return peer;
    }

    private Peer start(String name, Path folder, String pattern, Profile profile) throws IOException {
        PeerOptions options = PeerOptions.defaults(index.address())
                .withFolder(folder)
                .withFilePattern(pattern)
                .withProfile(profile)
                .withHost("127.0.0.1")
                .withIndexOptions(new IndexClient.Options(INDEX_WAIT, 3));
        Peer peer = Peer.start(PeerName.of(name), options);
        closing.add(peer);
        return peer;
    }

    private static Path folder(Peer peer) {
        return peer.store().folder();
    }

    /** XFER-8: no file in place of the target, no temporary file, and no R from that peer. */
    private void assertNothingFrom(Peer peer) throws IOException {
        assertEquals(List.of(), TestFiles.names(folder(peer)));
        assertTrue(index.registrations().stream().noneMatch(r -> r.peer().equals(peer.name())), index.requests().toString());
        assertEquals(List.of(), peer.shared());
    }
}
