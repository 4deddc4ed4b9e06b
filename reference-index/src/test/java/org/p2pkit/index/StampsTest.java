package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/** The index keeps the stamps of the extended profile (spec section 11.2) and leaves classic bytes as they were. */
class StampsTest {
    private static final PeerAddress ALICE_AT = address("127.0.0.1", 40001);
    private static final PeerAddress BOB_AT = address("127.0.0.1", 40002);
    private static final ContentStamp FIRST = new ContentStamp(12, "b3d0b8f4bdc7e76252175773e69029121bafdff961d061aa93009b33ae38fb6f");
    private static final ContentStamp OTHER = new ContentStamp(13, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    private static final SearchRequest CAROL_SEARCHES_SONG = new SearchRequest(peer("carol"), content("song"));

    @RegisterExtension
    final RunningIndex running = new RunningIndex();

    private static Registration song(String peer, PeerAddress at, Optional<ContentStamp> stamp) {
        return new Registration(peer(peer), content("song"), at, stamp);
    }

    @Test
    @DisplayName("EXT-5, EXT-6: a stamped R is answered with a stamp-kept A, and its hit carries the stamp")
    void stampIsKeptAndReturnedWithTheHit() {
        assertArrayEquals(PduCodec.encode(Acknowledgement.STAMP_KEPT), running.client().exchange(song("alice", ALICE_AT, Optional.of(FIRST))));
        assertArrayEquals(PduCodec.encode(new SearchHit(peer("alice"), ALICE_AT, Optional.of(FIRST))), running.client().exchange(CAROL_SEARCHES_SONG));
    }

    @Test
    @DisplayName("EXT-5, EXT-6: a classic R gets the classic A and a hit without a block, byte for byte")
    void classicRegistrationKeepsClassicBytes() {
        assertArrayEquals(PduCodec.encode(Acknowledgement.EMPTY), running.client().exchange(song("alice", ALICE_AT, Optional.empty())));
        assertArrayEquals(PduCodec.encode(new SearchHit(peer("alice"), ALICE_AT)), running.client().exchange(CAROL_SEARCHES_SONG));
    }

    @Test
    @DisplayName("EXT-6: each hit carries the stamp of the registration the selection rule chose")
    void hitCarriesTheChosenRegistrationsStamp() {
        running.client().exchange(song("alice", ALICE_AT, Optional.of(FIRST)));
        running.client().exchange(song("bob", BOB_AT, Optional.of(OTHER)));
        assertPdu(new SearchHit(peer("alice"), ALICE_AT, Optional.of(FIRST)), running.client().exchange(CAROL_SEARCHES_SONG));
        assertPdu(new SearchHit(peer("bob"), BOB_AT, Optional.of(OTHER)), running.client().exchange(CAROL_SEARCHES_SONG));
    }

    @Test
    @DisplayName("EXT-7: a duplicate R with another stamp changes nothing")
    void duplicateKeepsTheFirstStamp() {
        running.client().exchange(song("alice", ALICE_AT, Optional.of(FIRST)));
        assertPdu(new ErrorReply("File already exist for the peer, did not register file again!"),
                running.client().exchange(song("alice", ALICE_AT, Optional.of(OTHER))));
        assertPdu(new SearchHit(peer("alice"), ALICE_AT, Optional.of(FIRST)), running.client().exchange(CAROL_SEARCHES_SONG));
    }

    @Test
    @DisplayName("EXT-6: a peer that moves is named at its new address with the stamp it registered")
    void stampFollowsThePeerToItsNewAddress() {
        running.client().exchange(song("alice", ALICE_AT, Optional.of(FIRST)));
        running.client().exchange(new Registration(peer("alice"), content("poem"), BOB_AT));
        assertEquals(new SearchHit(peer("alice"), BOB_AT, Optional.of(FIRST)), running.index().registry().search(content("song")));
    }
}
