package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchRequest;

/** No datagram breaks the handler or changes the registry unless it is a valid request (RECV-1 to RECV-6). */
class ArbitraryDatagramTest {
    private static final List<byte[]> VALID = List.of(
            Pdus.of(new Registration(peer("alice"), content("song"), address("127.0.0.1", 40001))),
            Pdus.of(new SearchRequest(peer("carol"), content("song"))),
            Pdus.of(new ContentDeregistration(peer("alice"), content("song"))),
            Pdus.of(new PeerDeregistration(peer("bob"))),
            Pdus.of(new ListRequest(peer("carol"), 1)));

    @Property(tries = 2000)
    @Label("RECV-1..6: any datagram gets a defined outcome, bad ones change nothing and log one line")
    void anyDatagramGetsADefinedOutcome(@ForAll("datagrams") byte[] datagram) {
        Registry registry = new Registry(IndexLimits.DEFAULTS);
        registry.register(peer("alice"), content("song"), address("127.0.0.1", 40001));
        registry.register(peer("bob"), content("song"), address("127.0.0.1", 40002));
        List<RegisteredPeer> before = registry.snapshot();
        RequestHandler handler = new RequestHandler(registry);

        List<Message> replies;
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            replies = handler.handle(datagram, 0, datagram.length, null);
            lines = log.take();
        }
        for (Message reply : replies) {
            assertEquals(PduCodec.PDU_SIZE, PduCodec.encode(reply).length);
        }
        boolean requestType = datagram.length > 0 && "RSTO".indexOf((char) (datagram[0] & 0xff)) >= 0;
        Message request = decodeOrNull(datagram);
        if (requestType && request != null) {
            assertEquals(List.of(), lines, "a valid request is not logged");
            return;
        }
        assertEquals(before, registry.snapshot(), "registry unchanged (RECV-1)");
        assertEquals(1, lines.size(), () -> "one log line (RECV-6): " + lines);
        if (datagram.length < PduCodec.PDU_SIZE || !requestType) {
            assertEquals(List.of(), replies, "RECV-2/3/4: no reply");
        } else {
            assertEquals(1, replies.size());
            assertTrue(replies.get(0) instanceof ErrorReply e && e.reason().startsWith("Malformed PDU: "),
                    () -> "RECV-4/5: E Malformed PDU, got " + replies);
        }
    }

    private static Message decodeOrNull(byte[] datagram) {
        try {
            return PduCodec.decode(datagram, 0, datagram.length, Direction.REQUEST);
        } catch (MalformedPduException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> datagrams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(220);
        Arbitrary<byte[]> randomPdu = Combinators.combine(Arbitraries.of('R', 'S', 'T', 'O', 'A', 'D', 'Z'),
                Arbitraries.bytes().array(byte[].class).ofSize(PduCodec.PDU_SIZE - 1)).as((type, data) -> {
                    byte[] pdu = new byte[PduCodec.PDU_SIZE];
                    pdu[0] = (byte) (char) type;
                    System.arraycopy(data, 0, pdu, 1, data.length);
                    return pdu;
                });
        // Valid requests with a few bytes changed reach the field checks deep inside a PDU.
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(VALID),
                Arbitraries.integers().between(0, PduCodec.PDU_SIZE - 1).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of((byte) 0, (byte) ' ', (byte) ',', (byte) '/', (byte) '*', (byte) 'a', (byte) '9',
                        (byte) 0x80, (byte) 0xff, (byte) 1)).as((valid, offsets, value) -> {
                            byte[] pdu = valid.clone();
                            offsets.forEach(offset -> pdu[offset] = value);
                            return pdu;
                        });
        Arbitrary<byte[]> resized = Combinators.combine(Arbitraries.of(VALID),
                Arbitraries.integers().between(0, 300)).as((valid, length) -> Pdus.resized(valid, length, (byte) 'x'));
        return Arbitraries.oneOf(random, randomPdu, mutated, mutated, resized);
    }
}
