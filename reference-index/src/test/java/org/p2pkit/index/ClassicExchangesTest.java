package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;
import static org.p2pkit.index.Pdus.textOf;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * The exchanges of spec section 10.1, replayed as the original peer's exact bytes against a
 * running index over UDP. Replies are compared byte for byte up to the NUL and field by field.
 */
class ClassicExchangesTest {
    private static final PeerAddress ALICE_AT = address("127.0.0.1", 40001);
    private static final PeerAddress BOB_AT = address("127.0.0.1", 40002);
    private static final Registration ALICE_SONG = new Registration(peer("alice"), content("song"), ALICE_AT);
    private static final Registration BOB_SONG = new Registration(peer("bob"), content("song"), BOB_AT);
    private static final SearchRequest CAROL_SEARCHES_SONG = new SearchRequest(peer("carol"), content("song"));
    private static final ListRequest CAROL_LISTS = new ListRequest(peer("carol"));

    private IndexServer index;
    private UdpClient client;

    @BeforeEach
    void start() throws IOException {
        // One thread: requests are handled in arrival order, which the no-reply checks rely on.
        index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1));
        client = new UdpClient(index.address());
    }

    @AfterEach
    void stop() {
        client.close();
        index.close();
    }

    @Test
    @DisplayName("the requests replayed are the original peer's bytes (NAME-2, ADDR-1)")
    void requestsAreTheClassicBytes() {
        assertEquals("alice    ,song     ,127.0.0.1/40001    ", textOf(Pdus.of(ALICE_SONG)));
        assertEquals("carol    ,song     ", textOf(Pdus.of(CAROL_SEARCHES_SONG)));
        assertEquals("carol    ", textOf(Pdus.of(CAROL_LISTS)));
        assertEquals("bob      ,*********", textOf(Pdus.of(new PeerDeregistration(peer("bob")))));
    }

    @Test
    @DisplayName("IDX-REG-2: register is acknowledged with A")
    void registrationIsAcknowledged() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
    }

    @Test
    @DisplayName("IDX-REG-3: a duplicate registration gets the classic error text")
    void duplicateRegistrationGetsClassicError() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        byte[] reply = client.exchange(ALICE_SONG);
        assertPdu(new ErrorReply("File already exist for the peer, did not register file again!"), reply);
        assertEquals(1, index.registry().registrationCount());
    }

    @Test
    @DisplayName("IDX-SEARCH-2/3/4: search answers holder/ip/port, fewest served first, oldest on a tie")
    void searchAnswersTheHolderByTheSelectionRule() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        assertPdu(Acknowledgement.EMPTY, client.exchange(BOB_SONG));
        // Both have served 0: the oldest registration, alice, wins the tie. (The original index
        // answered bob here; section 10.2 records that its choice does not follow the rule.)
        byte[] first = client.exchange(CAROL_SEARCHES_SONG);
        assertPdu(new SearchHit(peer("alice"), ALICE_AT), first);
        assertEquals("alice    /127.0.0.1/40001", textOf(first));
        // alice has served 1, bob 0.
        byte[] second = client.exchange(CAROL_SEARCHES_SONG);
        assertPdu(new SearchHit(peer("bob"), BOB_AT), second);
        assertEquals("bob      /127.0.0.1/40002", textOf(second), "the classic hit text, holder padded (NAME-3)");
        // 1 and 1: alice again.
        assertPdu(new SearchHit(peer("alice"), ALICE_AT), client.exchange(CAROL_SEARCHES_SONG));
    }

    @Test
    @DisplayName("IDX-SEARCH-5: a search for a content nobody holds gets E File not found!")
    void searchMissGetsFileNotFound() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        assertPdu(new ErrorReply("File not found!"), client.exchange(new SearchRequest(peer("carol"), content("nope"))));
    }

    @Test
    @DisplayName("IDX-LIST-2/3/7: list gives one O per peer in the classic format, no empty slots, then the end marker")
    void listGivesEntriesThenEndMarker() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        assertPdu(Acknowledgement.EMPTY, client.exchange(BOB_SONG));
        List<byte[]> replies = client.list(CAROL_LISTS);
        assertEquals(3, replies.size());
        assertPdu(new ListEntry(peer("alice"), List.of(content("song"))), replies.get(0));
        assertEquals("alice    /song     ///////", textOf(replies.get(0)));
        assertPdu(new ListEntry(peer("bob"), List.of(content("song"))), replies.get(1));
        assertEquals("bob      /song     ///////", textOf(replies.get(1)));
        assertPdu(ListEnd.COMPLETE, replies.get(2));
        assertEquals("End of List all File", textOf(replies.get(2)));
    }

    @Test
    @DisplayName("IDX-LIST-3: the list of an empty index is the end marker alone")
    void listOfEmptyIndexIsEndMarker() {
        List<byte[]> replies = client.list(CAROL_LISTS);
        assertEquals(1, replies.size());
        assertPdu(ListEnd.COMPLETE, replies.get(0));
    }

    @Test
    @DisplayName("IDX-DEREG-2/3: deregister a content is acknowledged, a second time gets File not found!")
    void contentDeregistrationThenAgain() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        assertPdu(Acknowledgement.EMPTY, client.exchange(BOB_SONG));
        ContentDeregistration aliceDropsSong = new ContentDeregistration(peer("alice"), content("song"));
        assertPdu(Acknowledgement.EMPTY, client.exchange(aliceDropsSong));
        assertPdu(new ErrorReply("File not found!"), client.exchange(aliceDropsSong));
        // Only bob is left to answer a search.
        assertPdu(new SearchHit(peer("bob"), BOB_AT), client.exchange(CAROL_SEARCHES_SONG));
        assertPdu(new SearchHit(peer("bob"), BOB_AT), client.exchange(CAROL_SEARCHES_SONG));
    }

    @Test
    @DisplayName("IDX-LEAVE-1/2: deregister peer (nine *) gets no reply and removes the peer from list and search")
    void peerDeregistrationIsSilentAndRemovesThePeer() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        assertPdu(Acknowledgement.EMPTY, client.exchange(BOB_SONG));
        assertPdu(Acknowledgement.EMPTY, client.exchange(new Registration(peer("bob"), content("poem"), BOB_AT)));
        client.assertNoReplyTo(Pdus.of(new PeerDeregistration(peer("bob"))));

        List<byte[]> replies = client.list(CAROL_LISTS);
        assertEquals(2, replies.size());
        assertPdu(new ListEntry(peer("alice"), List.of(content("song"))), replies.get(0));
        assertPdu(ListEnd.COMPLETE, replies.get(1));
        assertPdu(new SearchHit(peer("alice"), ALICE_AT), client.exchange(CAROL_SEARCHES_SONG));
        assertPdu(new SearchHit(peer("alice"), ALICE_AT), client.exchange(CAROL_SEARCHES_SONG));
        assertPdu(new ErrorReply("File not found!"), client.exchange(new SearchRequest(peer("carol"), content("poem"))));
    }

    @Test
    @DisplayName("IDX-LEAVE-2: deregistering an unknown peer gets no reply and changes nothing")
    void unknownPeerDeregistrationIsSilent() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        var before = index.registry().snapshot();
        client.assertNoReplyTo(Pdus.of(new PeerDeregistration(peer("nobody"))));
        assertEquals(before, index.registry().snapshot());
    }

    @Test
    @DisplayName("RECV-3: a D (download request) sent to the index gets no reply")
    void downloadRequestToTheIndexGetsNoReply() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        client.assertNoReplyTo(Pdus.of(new DownloadRequest(peer("alice"), content("song"))));
        assertPdu(new SearchHit(peer("alice"), ALICE_AT), client.exchange(CAROL_SEARCHES_SONG));
    }

    @Test
    @DisplayName("section 10.1 in one session: every observed exchange in order")
    void wholeClassicSession() {
        assertPdu(Acknowledgement.EMPTY, client.exchange(ALICE_SONG));
        assertPdu(new ErrorReply("File already exist for the peer, did not register file again!"),
                client.exchange(ALICE_SONG));
        assertPdu(Acknowledgement.EMPTY, client.exchange(BOB_SONG));
        assertPdu(new SearchHit(peer("alice"), ALICE_AT), client.exchange(CAROL_SEARCHES_SONG));
        assertPdu(new ErrorReply("File not found!"), client.exchange(new SearchRequest(peer("carol"), content("nope"))));
        List<byte[]> list = client.list(CAROL_LISTS);
        assertEquals(3, list.size());
        list.forEach(reply -> assertEquals(PduCodec.PDU_SIZE, reply.length));
        client.assertNoReplyTo(Pdus.of(new DownloadRequest(peer("alice"), content("song"))));
        assertPdu(Acknowledgement.EMPTY, client.exchange(new ContentDeregistration(peer("alice"), content("song"))));
        client.assertNoReplyTo(Pdus.of(new PeerDeregistration(peer("bob"))));
        assertPdu(ListEnd.COMPLETE, client.list(CAROL_LISTS).get(0));
        assertEquals(List.of(), index.registry().snapshot());
    }
}
