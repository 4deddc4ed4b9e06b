package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/** Every byte after the NUL of every PDU the peer sends, to the index and to other peers, is zero (SEC-16). */
class ZeroTailTest {
    private static final ContentName SONG = ContentName.of("song");

    @TempDir
    Path root;

    @Test
    void everyRequestToTheIndexHasAZeroTail() throws Exception {
        try (FakeIndex index = FakeIndex.start().pageSize(1)) {
            Path aliceFolder = Files.createDirectories(root.resolve("alice"));
            TestFiles.write(aliceFolder, "song", TestFiles.lines(40));
            TestFiles.write(aliceFolder, "longtune9", TestFiles.lines(2));
            try (Peer alice = peer("alice", aliceFolder, index); Peer bob = peer("bob", Files.createDirectories(root.resolve("bob")), index)) {
                alice.share(ContentName.of("longtune9")); // R, longer than those after it
                alice.share(SONG);
                bob.download(SONG, Progress.NONE); // S, R
                assertEquals(2, bob.list().size()); // O, and O from 1: one entry per page
                bob.unshare(SONG); // content T
            } // peer T, twice each
            List<Class<?>> sent = index.requests(10).stream().<Class<?>>map(Object::getClass).distinct().toList();
            assertEquals(5, sent.size(), "R, S, O, content T and peer T were all sent: " + sent);
            assertTrue(index.requests().contains(new ListRequest(PeerName.of("bob"), 1)), "a paged O");
            for (byte[] datagram : index.datagrams()) {
                assertZeroTail(datagram);
            }
        }
    }

    @Test
    void theDownloadRequestHasAZeroTail() throws Exception {
        try (FakeHolder holder = new FakeHolder()) {
            holder.enqueue(FakeHolder.Reply.of(List.of(new ContentEnd()), FakeHolder.Ending.CLOSE));
            new Downloader(Downloader.Options.DEFAULT, Profile.CLASSIC).fetch(new SearchHit(PeerName.of("alice"), holder.address()), SONG,
                    Files.createDirectories(root.resolve("bob")).resolve("song.txt"), false, Progress.NONE);
            assertZeroTail(holder.takeRequest());
        }
    }

    @Test
    void everyPieceEndMarkerAndErrorOfTheContentServerHasAZeroTail() throws Exception {
        Path folder = Files.createDirectories(root.resolve("alice"));
        // a block of full pieces, then one full and one short piece framed where longer ones were
        byte[] file = Arrays.copyOf(TestFiles.lines(10_000), ContentSession.BLOCK + 99 + 51);
        TestFiles.write(folder, "song", file);
        TestFiles.write(folder, "gone", TestFiles.lines(2));
        TestFiles.write(folder, "nul", TestFiles.lines(2));
        try (ContentServer server = ContentServer.start(new ContentStore(folder),
                ContentServer.Options.defaults(InetAddress.getLoopbackAddress()).withHolder(PeerName.of("alice")))) {
            for (String content : List.of("song", "gone", "nul")) {
                server.allow(ContentName.of(content));
            }
            Files.delete(folder.resolve("gone.txt"));
            Files.write(folder.resolve("nul.txt"), new byte[] {'a', 0, 'b'});
            List<byte[]> requests = new ArrayList<>();
            for (String content : List.of("song", "other", "gone", "nul")) {
                requests.add(PduCodec.encode(new DownloadRequest(PeerName.of("alice"), ContentName.of(content))));
            }
            requests.add(PduCodec.encode(new DownloadRequest(PeerName.of("mallory"), SONG)));
            requests.add(PduCodec.encode(new SearchRequest(PeerName.of("bob"), SONG)));
            byte[] malformed = PduCodec.encode(new DownloadRequest(PeerName.of("alice"), SONG));
            malformed[10] = 'X';
            requests.add(malformed);
            int errors = 0;
            for (byte[] request : requests) {
                byte[] stream = exchange(server, request);
                assertEquals(0, stream.length % PduCodec.PDU_SIZE);
                for (int at = 0; at < stream.length; at += PduCodec.PDU_SIZE) {
                    byte[] pdu = Arrays.copyOfRange(stream, at, at + PduCodec.PDU_SIZE);
                    assertZeroTail(pdu);
                    errors += PduCodec.decode(pdu, Direction.REPLY) instanceof ErrorReply ? 1 : 0;
                }
            }
            assertEquals(requests.size() - 1, errors, "every request but the first got an E");
        }
    }

    /**
     * SEC-16: the bytes after the first NUL of the text, which starts at offset 1, are all zero,
     * but an extension block (EXT-1), and then they are exactly what the codec writes for the message.
     */
    private static void assertZeroTail(byte[] pdu) {
        assertEquals(PduCodec.PDU_SIZE, pdu.length);
        int nul = 1;
        while (nul < pdu.length && pdu[nul] != 0) {
            nul++;
        }
        if (nul + 1 < pdu.length && pdu[nul + 1] != 0) {
            assertArrayEquals(PduCodec.encode(PduCodec.decode(pdu, Direction.REQUEST)), pdu, HexFormat.of().formatHex(pdu));
            return;
        }
        for (int i = nul + 1; i < pdu.length; i++) {
            assertEquals(0, pdu[i], "byte " + i + " after the NUL at " + nul + " of " + HexFormat.of().formatHex(pdu));
        }
    }

    private static Peer peer(String name, Path folder, FakeIndex index) throws IOException {
        return Peer.start(PeerName.of(name), PeerOptions.defaults(index.address()).withFolder(folder).withHost("127.0.0.1"));
    }

    private static byte[] exchange(ContentServer server, byte[] request) throws IOException {
        try (Socket socket = new Socket(server.localAddress().getAddress(), server.localAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            return socket.getInputStream().readAllBytes();
        }
    }
}
