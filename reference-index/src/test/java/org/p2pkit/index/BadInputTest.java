package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.patched;
import static org.p2pkit.index.Pdus.peer;
import static org.p2pkit.index.Pdus.resized;
import static org.p2pkit.index.Pdus.retyped;
import static org.p2pkit.index.Pdus.text;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * Bad input at the index (spec RECV-1 to RECV-7), sent over UDP: each case gets its outcome (an
 * E with the reason, or no reply), is logged in full as the first of its kind on a fresh index
 * (RECV-6, SEC-10), leaves the registry unchanged, and the index still answers the next valid
 * request correctly.
 */
class BadInputTest {
    private static final PeerAddress ALICE_AT = address("127.0.0.1", 40001);
    private static final byte[] REGISTER = Pdus.of(new Registration(peer("alice"), content("song"), ALICE_AT));
    private static final byte[] SEARCH = Pdus.of(new SearchRequest(peer("carol"), content("song")));
    private static final byte[] DEREGISTER = Pdus.of(new ContentDeregistration(peer("alice"), content("song")));
    private static final byte[] LEAVE = Pdus.of(new PeerDeregistration(peer("alice")));
    private static final byte[] LIST = Pdus.of(new ListRequest(peer("carol")));
    /** No reply at all (RECV-2, RECV-3, RECV-4 short datagrams). */
    private static final String SILENCE = null;

    private IndexServer index;
    private UdpClient client;

    @BeforeEach
    void start() throws IOException {
        index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1));
        client = new UdpClient(index.address());
        assertPdu(Acknowledgement.EMPTY, client.exchange(REGISTER));
        assertPdu(Acknowledgement.EMPTY, client.exchange(new Registration(peer("alice"), content("solo"), ALICE_AT)));
    }

    @AfterEach
    void stop() {
        client.close();
        index.close();
    }

    private static Arguments bad(String name, byte[] datagram, String reply) {
        return Arguments.of(name, datagram, reply);
    }

    private static String malformed(String field, int offset) {
        return "Malformed PDU: " + field + " at offset " + offset + ": ";
    }

    static Stream<Arguments> badInputs() {
        byte x = 'x';
        return Stream.of(
                // RECV-4: shorter than a PDU, never answered
                bad("empty datagram", new byte[0], SILENCE),
                bad("1 byte, a request letter", resized(REGISTER, 1, x), SILENCE),
                bad("50 bytes of a registration", resized(REGISTER, 50, x), SILENCE),
                bad("100 bytes, one short", resized(REGISTER, 100, x), SILENCE),
                // RECV-4: longer than a PDU with a request letter: E
                bad("102 bytes, registration plus a zero", resized(REGISTER, 102, (byte) 0),
                        malformed("pdu", 0) + "length 102, a PDU is exactly 101 bytes (FRAME-1)"),
                bad("2000 bytes of a list request", resized(LIST, 2000, x), malformed("pdu", 0) + "length 2000"),
                bad("150 bytes of an A", resized(retyped(REGISTER, 'A'), 150, x), SILENCE),
                // RECV-2: unknown types
                bad("unknown type Z", retyped(REGISTER, 'Z'), SILENCE),
                bad("lower-case r", retyped(REGISTER, 'r'), SILENCE),
                bad("type byte NUL", retyped(REGISTER, (char) 0), SILENCE),
                bad("type byte 0xff", retyped(REGISTER, (char) 0xff), SILENCE),
                // RECV-3: reply-only types
                bad("A", text('A', ""), SILENCE),
                bad("E", text('E', "File not found!"), SILENCE),
                bad("E list end", text('E', "End of List all File"), SILENCE),
                bad("C", text('C', "line 0"), SILENCE),
                bad("F", text('F', ""), SILENCE),
                bad("D", text('D', "alice    ,song     "), SILENCE),
                // RECV-5: missing separators
                bad("R without ',' after the name", patched(REGISTER, 10, " "), malformed("sep_content", 10)),
                bad("R without ',' before the address", patched(REGISTER, 20, ";"), malformed("sep_address", 20)),
                bad("S without ','", patched(SEARCH, 10, "."), malformed("sep_content", 10)),
                bad("T without ','", patched(DEREGISTER, 10, " "), malformed("sep_content", 10)),
                bad("address without '/'", patched(REGISTER, 21, "127.0.0.1:40001    "), malformed("host", 21)),
                // RECV-5: NUL not where required
                bad("R with text up to the last byte, no NUL", patched(REGISTER, 40, "x".repeat(61)),
                        malformed("end", 40)),
                bad("S with more text after the content", patched(SEARCH, 20, "extra"), malformed("end", 20)),
                bad("T with no NUL", patched(DEREGISTER, 20, "x".repeat(81)), malformed("end", 20)),
                bad("O with text after the name", patched(LIST, 10, "x".repeat(91)), malformed("sep_start", 10)),
                bad("address cut by a NUL, not padded", patched(REGISTER, 36, new byte[4]), malformed("port", 31)),
                // RECV-5: empty names
                bad("empty peer name", patched(REGISTER, 1, " ".repeat(9)), malformed("peer_name", 1)),
                bad("empty content name", patched(SEARCH, 11, " ".repeat(9)), malformed("content_name", 11)),
                // RECV-5: over-long or invalid name bytes
                bad("10-character name, uncut", text('R', "alicealice,song     ,127.0.0.1/40001    "),
                        malformed("sep_content", 10)),
                bad("name with ','", patched(REGISTER, 1, "al,ce"), malformed("peer_name", 1)),
                bad("name with '/'", patched(SEARCH, 11, "so/g"), malformed("content_name", 11)),
                bad("content with '*'", patched(DEREGISTER, 11, "so*g"), malformed("content_name", 11)),
                bad("name with a leading space", patched(REGISTER, 1, " alice"), malformed("peer_name", 1)),
                bad("name with an inner space", patched(REGISTER, 1, "al ce"), malformed("peer_name", 1)),
                bad("name with a control byte", patched(REGISTER, 3, (byte) 1), malformed("peer_name", 1)),
                bad("name with a NUL inside", patched(SEARCH, 3, (byte) 0), malformed("peer_name", 1)),
                bad("nine '*' as the peer of a T", patched(LEAVE, 1, "*********"), malformed("peer_name", 1)),
                bad("O with an empty name", patched(LIST, 1, " ".repeat(9)), malformed("peer_name", 1)),
                // RECV-5: non-ASCII
                bad("non-ASCII byte in a peer name", patched(REGISTER, 3, (byte) 0xe9), malformed("peer_name", 1)),
                bad("UTF-8 in a content name", patched(SEARCH, 11, (byte) 0xc3, (byte) 0xa9), malformed("content_name", 11)),
                bad("non-ASCII byte in the address", patched(REGISTER, 22, (byte) 0xb2), malformed("host", 21)),
                // RECV-5: bad addresses (ADDR-1, ADDR-2)
                bad("octet above 255", patched(REGISTER, 21, "999"), malformed("host", 21)),
                bad("three octets", patched(REGISTER, 21, "127.0.1/40001      "), malformed("host", 21)),
                bad("host name instead of address", patched(REGISTER, 21, "localhost/40001    "), malformed("host", 21)),
                bad("port 0", patched(REGISTER, 21, "127.0.0.1/0        "), malformed("port", 31)),
                bad("port 70000", patched(REGISTER, 21, "127.0.0.1/70000    "), malformed("port", 31)),
                bad("port not a number", patched(REGISTER, 31, "4000a"), malformed("port", 31)),
                bad("empty port", patched(REGISTER, 31, "     "), malformed("port", 31)),
                bad("address of spaces", patched(REGISTER, 21, " ".repeat(19)), malformed("host", 21)),
                // RECV-5: list start (IDX-LIST-5)
                bad("O with ',' and no start", patched(LIST, 10, ","), malformed("start", 11)),
                bad("O with a start that is not a number", patched(LIST, 10, ",1a"), malformed("start", 11)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    @DisplayName("RECV-1..7: bad input gets its outcome, one full log line, no change, and the index goes on")
    void badInputGetsItsOutcomeAndChangesNothing(String name, byte[] datagram, String expectedReply) {
        List<RegisteredPeer> before = index.registry().snapshot();
        try (LogCapture log = new LogCapture()) {
            if (expectedReply == null) {
                client.assertNoReplyTo(datagram);
            } else {
                byte[] reply = client.exchange(datagram);
                assertEquals(PduCodec.PDU_SIZE, reply.length, "reply size (FRAME-4)");
                Message decoded = PduCodec.decode(reply, Direction.REPLY); // an E is ASCII, <= 99 chars (TEXT-1)
                assertTrue(decoded instanceof ErrorReply, () -> "an E, got " + decoded);
                String reason = ((ErrorReply) decoded).reason();
                assertTrue(reason.startsWith(expectedReply), () -> "E \"" + reason + "\" should start with \""
                        + expectedReply + "\"");
            }
            List<String> lines = log.take();
            assertEquals(1, lines.size(), () -> "one log line, the first of its kind (RECV-6, SEC-10), got " + lines);
            assertTrue(lines.get(0).startsWith(IndexLog.EVENT + " "), lines.get(0));
        }
        assertEquals(before, index.registry().snapshot(), "registry unchanged (RECV-1)");
        // The index still answers a valid request correctly.
        assertPdu(new SearchHit(peer("alice"), ALICE_AT),
                client.exchange(new SearchRequest(peer("carol"), content("solo"))));
    }

    @Test
    @DisplayName("FRAME-3: bytes after the NUL are ignored: such a request is valid and answered, not logged")
    void garbageAfterTheNulIsIgnored() {
        byte[] registration = Pdus.of(new Registration(peer("tailor"), content("song"), address("127.0.0.1", 40003)));
        byte[] withGarbage = patched(registration, 41, "leftover text of an earlier message \u00ff\u0001");
        try (LogCapture log = new LogCapture()) {
            assertPdu(Acknowledgement.EMPTY, client.exchange(withGarbage));
            assertPdu(new ErrorReply("File already exist for the peer, did not register file again!"),
                    client.exchange(patched(registration, 41, "other garbage")));
            byte[] search = patched(Pdus.of(new SearchRequest(peer("carol"), content("nope"))), 21, "junk");
            assertPdu(new ErrorReply("File not found!"), client.exchange(search));
            client.assertNoReplyTo(patched(Pdus.of(new PeerDeregistration(peer("tailor"))), 21, "junk"));
            assertEquals(List.of(), log.take());
        }
    }

    @Test
    @DisplayName("RECV-5: the reason of a malformed PDU is cut to the 99 ASCII characters an E carries (TEXT-1)")
    void longReasonIsCutToFit() {
        byte[] reply = client.exchange(patched(REGISTER, 1, new byte[] {(byte) 0xe9, (byte) 0xe9, 'a', 'b', 'c'}));
        String reason = ((ErrorReply) PduCodec.decode(reply, Direction.REPLY)).reason();
        assertTrue(reason.length() <= 99, reason);
        assertTrue(reason.chars().allMatch(c -> c >= ' ' && c <= '~'), reason);
    }
}
