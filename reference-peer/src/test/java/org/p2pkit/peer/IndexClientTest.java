package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.EmptyListEntry;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/** The UDP client: classic replies, bounded waits and retries (UDP-2), idempotence (UDP-3), strangers (UDP-4). */
class IndexClientTest {
    private static final PeerName ALICE = PeerName.of("alice");
    private static final PeerName BOB = PeerName.of("bob");
    private static final ContentName SONG = ContentName.of("song");
    private static final PeerAddress ALICE_AT = new PeerAddress("127.0.0.1", 40001);
    private static final IndexClient.Options QUICK = new IndexClient.Options(Duration.ofMillis(200), 3);

    private FakeIndex index;
    private IndexClient client;

    @BeforeEach
    void start() throws IOException {
        index = FakeIndex.start();
        client = new IndexClient(index.address(), QUICK);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        index.close();
    }

    @Test
    void registersAndFindsAContent() throws Exception {
        client.register(ALICE, SONG, ALICE_AT, Optional.empty());
        assertEquals(Optional.of(new SearchHit(ALICE, ALICE_AT)), client.search(BOB, SONG));
        assertEquals(List.of(new Registration(ALICE, SONG, ALICE_AT), new SearchRequest(BOB, SONG)), index.requests());
    }

    @Test
    void aSearchWithNoHolderIsEmpty() throws Exception {
        assertEquals(Optional.empty(), client.search(BOB, SONG)); // IDX-SEARCH-5
    }

    @Test
    void aDuplicateRegistrationOnTheFirstTryIsTheIndexsRefusal() throws Exception {
        client.register(ALICE, SONG, ALICE_AT, Optional.empty());
        IndexErrorException e = assertThrows(IndexErrorException.class, () -> client.register(ALICE, SONG, ALICE_AT, Optional.empty()));
        assertEquals(IndexClient.DUPLICATE, e.reason());
    }

    @Test
    void aRetriedRegistrationAnsweredWithTheDuplicateErrorIsSuccess() throws Exception {
        index.dropNextReplies(1); // the first R is registered, its A is lost
        client.register(ALICE, SONG, ALICE_AT, Optional.empty()); // UDP-3
        assertEquals(2, index.registrations().size());
    }

    @Test
    void aRetriedDeregistrationAnsweredFileNotFoundIsSuccess() throws Exception {
        client.register(ALICE, SONG, ALICE_AT, Optional.empty());
        index.dropNextReplies(1);
        client.deregister(ALICE, SONG); // UDP-3
        assertEquals(Optional.empty(), client.search(BOB, SONG));
    }

    @Test
    void deregisteringWhatIsNotRegisteredIsTheIndexsRefusal() throws Exception {
        IndexErrorException e = assertThrows(IndexErrorException.class, () -> client.deregister(ALICE, SONG));
        assertEquals(IndexClient.NOT_FOUND, e.reason());
    }

    @Test
    void leavingSendsDeregisterPeerTwiceAndAwaitsNothing() throws Exception {
        index.silent(); // IDX-LEAVE-2: no reply comes, and none is needed
        client.leave(ALICE);
        assertEquals(new PeerDeregistration(ALICE), index.take());
        assertEquals(new PeerDeregistration(ALICE), index.take());
    }

    @Test
    void aSilentIndexIsUnreachableAfterEveryTry() throws Exception {
        index.silent();
        IndexUnreachableException e = assertThrows(IndexUnreachableException.class, () -> client.search(BOB, SONG));
        assertEquals("no reply from the index at " + IndexClient.describe(index.address()) + " after 3 tries", e.getMessage());
        assertEquals(List.of(new SearchRequest(BOB, SONG), new SearchRequest(BOB, SONG), new SearchRequest(BOB, SONG)),
                index.requests(3)); // UDP-2: three tries, then give up
    }

    @Test
    void listsEveryPageFollowingTheContinuationMarker() throws Exception {
        index.pageSize(2);
        List<ListEntry> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PeerName peer = PeerName.of("peer" + i);
            client.register(peer, SONG, ALICE_AT, Optional.empty());
            expected.add(new ListEntry(peer, List.of(SONG)));
        }
        assertEquals(expected, client.list(BOB)); // IDX-LIST-5
        List<Message> lists = index.requests().stream().filter(ListRequest.class::isInstance).toList();
        assertEquals(List.of(new ListRequest(BOB, 0), new ListRequest(BOB, 2), new ListRequest(BOB, 4)), lists);
    }

    @Test
    void skipsTheEmptySlotsTheOriginalIndexSends() throws Exception {
        ListEntry alice = new ListEntry(ALICE, List.of(SONG));
        index.script(request -> {
            List<Message> replies = new ArrayList<>(List.of(alice));
            for (int i = 0; i < 9; i++) {
                replies.add(new EmptyListEntry()); // IDX-LIST-7
            }
            replies.add(ListEnd.COMPLETE);
            return replies;
        });
        assertEquals(List.of(alice), client.list(BOB));
        assertEquals(List.of(new ListRequest(BOB)), index.requests()); // one classic request, no paging
    }

    @Test
    void ignoresDatagramsThatDoNotComeFromTheIndex() throws Exception {
        try (DatagramSocket fakeIndex = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             IndexClient toFake = new IndexClient((InetSocketAddress) fakeIndex.getLocalSocketAddress(), QUICK)) {
            fakeIndex.setSoTimeout(5000);
            Thread answer = new Thread(() -> {
                try {
                    DatagramPacket request = new DatagramPacket(new byte[200], 200);
                    fakeIndex.receive(request);
                    byte[] spoofed = PduCodec.encode(new SearchHit(PeerName.of("mallory"), new PeerAddress("10.6.6.6", 666)));
                    stranger.send(new DatagramPacket(spoofed, spoofed.length, request.getSocketAddress()));
                    byte[] real = PduCodec.encode(new SearchHit(ALICE, ALICE_AT));
                    fakeIndex.send(new DatagramPacket(real, real.length, request.getSocketAddress()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            answer.start();
            assertEquals(Optional.of(new SearchHit(ALICE, ALICE_AT)), toFake.search(BOB, SONG)); // UDP-4
            answer.join(5000);
        }
    }

    @Test
    void discardsAStaleReplyBeforeANewRequest() throws Exception {
        client.register(ALICE, SONG, ALICE_AT, Optional.empty());
        index.send(new ErrorReply(IndexClient.NOT_FOUND), client.localAddress()); // late reply to something earlier
        assertEquals(Optional.of(new SearchHit(ALICE, ALICE_AT)), client.search(BOB, SONG)); // UDP-4
    }

    @Test
    void ignoresRepliesOfTheWrongKind() throws Exception {
        index.script(request -> request instanceof SearchRequest
                ? List.of(new ListEntry(ALICE, List.of(SONG)), new SearchHit(ALICE, ALICE_AT))
                : List.of());
        assertEquals(Optional.of(new SearchHit(ALICE, ALICE_AT)), client.search(BOB, SONG));
    }

    @Test
    void aMalformedReplyIsIgnoredAndNamedWhenNothingElseComes() throws Exception {
        try (DatagramSocket fakeIndex = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             IndexClient toFake = new IndexClient((InetSocketAddress) fakeIndex.getLocalSocketAddress(),
                     new IndexClient.Options(Duration.ofMillis(100), 1))) {
            fakeIndex.setSoTimeout(5000);
            Thread answer = new Thread(() -> {
                try {
                    DatagramPacket request = new DatagramPacket(new byte[200], 200);
                    fakeIndex.receive(request);
                    byte[] junk = "S no NUL in here".getBytes();
                    fakeIndex.send(new DatagramPacket(junk, junk.length, request.getSocketAddress()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            answer.start();
            IndexUnreachableException e = assertThrows(IndexUnreachableException.class, () -> toFake.search(BOB, SONG));
            assertTrue(e.getMessage().contains("malformed PDU"), e.getMessage());
            answer.join(5000);
        }
    }

    @Test
    void requestsAreEncodedAsTheOriginalPeerSendsThem() throws Exception {
        try (DatagramSocket fakeIndex = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             IndexClient toFake = new IndexClient((InetSocketAddress) fakeIndex.getLocalSocketAddress(),
                     new IndexClient.Options(Duration.ofMillis(50), 1))) {
            fakeIndex.setSoTimeout(5000);
            assertThrows(IndexUnreachableException.class, () -> toFake.register(ALICE, SONG, ALICE_AT, Optional.empty()));
            DatagramPacket packet = new DatagramPacket(new byte[200], 200);
            fakeIndex.receive(packet);
            assertEquals(PduCodec.PDU_SIZE, packet.getLength()); // FRAME-4
            // byte for byte what the original peer sends (NAME-2, ADDR-1)
            assertArrayEquals(GoldenVectors.bytes("classic-register-alice"), Arrays.copyOf(packet.getData(), packet.getLength()));
            assertEquals(new Registration(ALICE, SONG, ALICE_AT), PduCodec.decode(packet.getData(), 0, packet.getLength(), Direction.REQUEST));
        }
    }
}
