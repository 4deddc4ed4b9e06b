package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tenletters|has 10 characters, at most 9",
        "a,b|contains ','",
        "a/b|contains '/'",
        "a*b|contains '*'",
        "a b|space or control character at position 1",
        "caf\u00e9|non-ASCII character at position 3",
    })
    void namesThatCannotTravelAreRejectedWithTheReason(String name, String reason) {
        IllegalArgumentException peer = assertThrows(IllegalArgumentException.class, () -> PeerName.of(name));
        IllegalArgumentException content = assertThrows(IllegalArgumentException.class, () -> ContentName.of(name));
        assertTrue(peer.getMessage().contains(reason), peer.getMessage());
        assertTrue(peer.getMessage().startsWith("peer name"), peer.getMessage());
        assertTrue(content.getMessage().startsWith("content name"), content.getMessage());
    }

    @Test
    void emptyNamesAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerName.of("")).getMessage().contains("empty"));
    }

    @Test
    void namesArePaddedToNineCharactersForTheWire() {
        assertEquals("bob      ", PeerName.of("bob").padded());
        assertEquals("ninechars", ContentName.of("ninechars").padded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "a.b.c.d", "1..2.3", "1.2.3.4:5"})
    void addressesOtherThanDottedQuadWithPortAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse(text));
    }

    @Test
    void portsOutsideTheirRangeAreRejected() {
        for (String port : List.of("0", "65536", "-1", "", "12a", "123456")) {
            assertThrows(IllegalArgumentException.class, () -> PeerAddress.of("127.0.0.1", port), port);
        }
        assertEquals(65535, PeerAddress.of("127.0.0.1", "65535").port());
    }

    @Test
    void leadingZerosAreAcceptedButNeverWritten() {
        PeerAddress address = PeerAddress.parse("127.000.00.001/00080");
        assertEquals("127.0.0.1/80", address.toString()); // ADDR-2 accepts them, ADDR-4 forbids writing them
        assertEquals(address, PduCodec.decode(PduCodec.encode(new SearchHit(PeerName.of("bob"), address)), Direction.REPLY) instanceof SearchHit hit
                ? hit.address() : null);
    }

    @Test
    void anAddressLongerThanTheClassicFieldIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse("192.168.100.200/54321"));
        assertTrue(e.getMessage().contains("21 characters"), e.getMessage());
        assertEquals("10.0.0.1/40001", PeerAddress.parse("10.0.0.1/40001").toString());
    }

    @Test
    void errorReasonsCannotPoseAsTheListEndMarker() {
        assertThrows(IllegalArgumentException.class, () -> new ErrorReply("End of List all File"));
        assertThrows(IllegalArgumentException.class, () -> new ErrorReply("List continues at 3"));
        assertEquals("List continues at 0", new ErrorReply("List continues at 0").reason());
    }

    @Test
    void textsLongerThanAPduHoldsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ErrorReply("x".repeat(100)));
        assertEquals(99, new ErrorReply("x".repeat(99)).reason().length());
        assertThrows(IllegalArgumentException.class, () -> new Acknowledgement("\u00e9"));
    }

    @Test
    void piecesLongerThan99BytesOrWithANulAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ContentPiece(new byte[100]));
        assertThrows(IllegalArgumentException.class, () -> new ContentPiece(new byte[] {'a', 0, 'b'}));
    }

    @Test
    void listEntriesHoldAtMostEightContents() {
        List<ContentName> nine = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i").stream().map(ContentName::of).toList();
        assertThrows(IllegalArgumentException.class, () -> new ListEntry(PeerName.of("p"), nine));
    }
}
