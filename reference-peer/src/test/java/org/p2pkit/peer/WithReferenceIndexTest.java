package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.index.IndexOptions;
import org.p2pkit.index.IndexServer;
import org.p2pkit.index.RegisteredPeer;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.PeerName;

/** Reference peers against the real reference index, in-process over loopback (spec sections 5 and 6). */
class WithReferenceIndexTest {
    private static final ContentName SONG = ContentName.of("song");

    @TempDir
    Path root;
    private IndexServer index;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        index = IndexServer.start(IndexOptions.ephemeralLoopback());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        index.close();
    }

    @Test
    void aDownloadedContentIsServedOnByTheDownloaderWhenItHasServedFewer() throws Exception {
        byte[] file = TestFiles.lines(5000);
        Peer alice = peer("alice");
        TestFiles.write(root.resolve("alice"), "song", file);
        Peer bob = peer("bob");
        Peer carol = peer("carol");

        alice.share(SONG);
        assertEquals(alice.name(), bob.download(SONG, Progress.NONE).holder());
        assertArrayEquals(file, Files.readAllBytes(root.resolve("bob/song.txt")));
        // alice served one download, bob none yet: the index names bob (IDX-SEARCH-2), who serves it
        DownloadResult carols = carol.download(SONG, Progress.NONE);
        assertEquals(bob.name(), carols.holder());
        assertArrayEquals(file, Files.readAllBytes(root.resolve("carol/song.txt")));

        assertEquals(List.of(alice.name(), bob.name(), carol.name()),
                index.registry().snapshot().stream().map(RegisteredPeer::peer).toList(), "all three registered song (XFER-9)");
        assertEquals(List.of(new ListEntry(alice.name(), List.of(SONG)), new ListEntry(bob.name(), List.of(SONG)),
                new ListEntry(carol.name(), List.of(SONG))), alice.list());
    }

    @Test
    void aPeerThatLeavesIsGoneFromTheIndex() throws Exception {
        Peer alice = peer("alice");
        TestFiles.write(root.resolve("alice"), "song", TestFiles.lines(10));
        alice.share(SONG);
        Peer bob = peer("bob");
        alice.leave();
        assertTrue(awaitNoPeers(), "the index forgot alice after her deregister-peer (IDX-LEAVE-1)");
        assertEquals(List.of(), bob.list());
    }

    /** The deregister-peer T gets no reply (IDX-LEAVE-2): wait, bounded, until the index has applied it. */
    private boolean awaitNoPeers() throws InterruptedException {
        for (int i = 0; i < 200 && index.registry().peerCount() > 0; i++) {
            Thread.sleep(10);
        }
        return index.registry().peerCount() == 0;
    }

    private Peer peer(String name) throws IOException {
        PeerOptions options = PeerOptions.defaults(index.address())
                .withFolder(Files.createDirectories(root.resolve(name)))
                .withHost("127.0.0.1");
        Peer peer = Peer.start(PeerName.of(name), options);
        closing.add(peer);
        return peer;
    }
}
