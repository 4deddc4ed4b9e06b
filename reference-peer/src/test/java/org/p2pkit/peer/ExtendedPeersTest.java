package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.peer.TransferFailedException.Cause;

/** Two reference peers in every mix of profiles (spec 11.5), through an index that keeps stamps. */
class ExtendedPeersTest {
    private static final ContentName SONG = ContentName.of("song");

    @TempDir
    Path root;
    private FakeIndex index;
    private final List<Peer> started = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        index = FakeIndex.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Peer peer : started) {
            peer.close();
        }
        index.close();
    }

    @Test
    void aFileHoldingNulBytesTravelsBetweenExtendedPeersVerified() throws Exception {
        byte[] binary = ExtendedServingTest.binary(200_000);
        Peer alice = peer("alice", Profile.EXTENDED, binary);
        Peer bob = peer("bob", Profile.EXTENDED, null);
        alice.share(SONG); // XFER-15: an extended peer shares it
        DownloadResult result = bob.download(SONG, Progress.NONE);
        assertEquals(new Fetched(binary.length, 0, Verification.VERIFIED, Optional.of(TestFiles.stamp(binary))), result.fetched());
        assertArrayEquals(binary, Files.readAllBytes(bob.store().folder().resolve("song.txt")));
        assertEquals(List.of("song.txt"), TestFiles.names(bob.store().folder()));
        assertEquals(List.of(Optional.of(TestFiles.stamp(binary)), Optional.of(TestFiles.stamp(binary))),
                index.registrations().stream().map(Registration::stamp).toList(), "both register the stamp (EXT-4, EXT-15)");
        assertTrue(result.summary().endsWith(", verified sha256 " + TestFiles.stamp(binary).sha256()), result.summary());
    }

    @Test
    void theEmptyFileTravelsVerified() throws Exception {
        Peer alice = peer("alice", Profile.EXTENDED, new byte[0]);
        Peer bob = peer("bob", Profile.EXTENDED, null);
        alice.share(SONG);
        assertEquals(Verification.VERIFIED, bob.download(SONG, Progress.NONE).fetched().verification());
        assertEquals(0, Files.size(bob.store().folder().resolve("song.txt")));
    }

    @Test
    void aClassicHolderIsDownloadedClassicAndTheDownloaderSaysSo() throws Exception {
        byte[] text = TestFiles.lines(500);
        Peer alice = peer("alice", Profile.CLASSIC, text);
        Peer bob = peer("bob", Profile.EXTENDED, null);
        alice.share(SONG);
        DownloadResult result = bob.download(SONG, Progress.NONE); // EXT-12
        assertEquals(Verification.HOLDER_CLASSIC, result.fetched().verification());
        assertTrue(result.summary().endsWith(", not verified: holder speaks classic only"), result.summary());
        assertArrayEquals(text, Files.readAllBytes(bob.store().folder().resolve("song.txt")));
        assertEquals(Optional.of(TestFiles.stamp(text)), index.registrations().get(1).stamp(), "bob registers it with its stamp (EXT-4)");
    }

    @Test
    void aClassicDownloaderGetsATextFileFromAnExtendedHolderClassic() throws Exception {
        byte[] text = TestFiles.lines(500);
        Peer alice = peer("alice", Profile.EXTENDED, text);
        Peer bob = peer("bob", Profile.CLASSIC, null);
        alice.share(SONG);
        assertEquals(Verification.CLASSIC_PROFILE, bob.download(SONG, Progress.NONE).fetched().verification()); // EXT-11
        assertArrayEquals(text, Files.readAllBytes(bob.store().folder().resolve("song.txt")));
        assertEquals(Optional.empty(), index.registrations().get(1).stamp(), "a classic peer registers no stamp");
    }

    @Test
    void aClassicDownloaderIsRefusedAFileHoldingANul() throws Exception {
        Peer alice = peer("alice", Profile.EXTENDED, ExtendedServingTest.binary(1000));
        Peer bob = peer("bob", Profile.CLASSIC, null);
        alice.share(SONG);
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> bob.download(SONG, Progress.NONE));
        assertEquals(Cause.ERROR_REPLY, e.failure(), e.getMessage()); // XFER-6
        assertEquals(List.of(), TestFiles.names(bob.store().folder()));
    }

    @Test
    void aHolderWhoseFileChangedRegistersItAgainWithTheNewStamp() throws Exception {
        byte[] before = TestFiles.lines(500);
        byte[] after = TestFiles.lines(700);
        Peer alice = peer("alice", Profile.EXTENDED, before);
        Peer carol = peer("carol", Profile.EXTENDED, null);
        alice.share(SONG);
        TestFiles.write(alice.store().folder(), "song", after);
        TransferFailedException e = assertThrows(TransferFailedException.class, () -> carol.download(SONG, Progress.NONE));
        assertEquals(Cause.WRONG_STAMP, e.failure(), e.getMessage()); // EXT-13: the index still has the old stamp
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!lastStampOf("alice").equals(Optional.of(TestFiles.stamp(after))) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Optional.of(TestFiles.stamp(after)), lastStampOf("alice"), "alice registered song again (section 11.2)");
        assertEquals(Verification.VERIFIED, carol.download(SONG, Progress.NONE).fetched().verification());
        assertArrayEquals(after, Files.readAllBytes(carol.store().folder().resolve("song.txt")));
    }

    private Optional<ContentStamp> lastStampOf(String peer) {
        List<Registration> by = index.registrations().stream().filter(r -> r.peer().value().equals(peer)).toList();
        return by.get(by.size() - 1).stamp();
    }

    private Peer peer(String name, Profile profile, byte[] song) throws IOException {
        Path folder = Files.createDirectories(root.resolve(name));
        if (song != null) {
            TestFiles.write(folder, "song", song);
        }
        Peer peer = Peer.start(PeerName.of(name),
                PeerOptions.defaults(index.address()).withFolder(folder).withHost("127.0.0.1").withProfile(profile));
        started.add(peer);
        return peer;
    }
}
