package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** No datagram breaks the handler or changes the registry unless it is a valid request (RECV-1 to RECV-6). */
class ArbitraryDatagramTest {
    private static final List<byte[]> VALID = List.of(
            Pdus.of(new Registration(peer("alice"), content("song"), address("127.0.0.1", 40001))),
            Pdus.of(new SearchRequest(peer("carol"), content("song"))),
            Pdus.of(new ContentDeregistration(peer("alice"), content("song"))),
            Pdus.of(new PeerDeregistration(peer("bob"))),
            Pdus.of(new ListRequest(peer("carol"), 1)));

    @Test
    @DisplayName("RECV-1..6: any datagram gets a defined outcome, bad ones change nothing and log one line")
    void anyDatagramGetsADefinedOutcome() {
        qt().withExamples(2000).forAll(datagrams()).checkAssert(ArbitraryDatagramTest::getsADefinedOutcome);
    }

    private static void getsADefinedOutcome(byte[] datagram) {
        Registry registry = new LocalRegistry(IndexLimits.DEFAULTS);
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

    private static Gen<byte[]> datagrams() {
        Gen<Byte> anyByte = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
        Gen<byte[]> random = Generate.byteArrays(Generate.range(0, 220), anyByte);
        Gen<byte[]> randomPdu = Generate.pick(List.of('R', 'S', 'T', 'O', 'A', 'D', 'Z'))
                .zip(Generate.byteArrays(Generate.constant(PduCodec.PDU_SIZE - 1), anyByte), (type, data) -> {
                    byte[] pdu = new byte[PduCodec.PDU_SIZE];
                    pdu[0] = (byte) (char) type;
                    System.arraycopy(data, 0, pdu, 1, data.length);
                    return pdu;
                });
        // Valid requests with a few bytes changed reach the field checks deep inside a PDU.
        Gen<byte[]> mutated = Generate.pick(VALID).zip(
                SourceDSL.lists().of(Generate.range(0, PduCodec.PDU_SIZE - 1)).ofSizeBetween(1, 3),
                Generate.pick(List.of((byte) 0, (byte) ' ', (byte) ',', (byte) '/', (byte) '*', (byte) 'a', (byte) '9',
                        (byte) 0x80, (byte) 0xff, (byte) 1)), (valid, offsets, value) -> {
                            byte[] pdu = valid.clone();
                            offsets.forEach(offset -> pdu[offset] = value);
                            return pdu;
                        });
        Gen<byte[]> resized = Generate.pick(VALID).zip(Generate.range(0, 300), (valid, length) -> Pdus.resized(valid, length, (byte) 'x'));
        return Generate.frequency(Pair.of(1, random), Pair.of(1, randomPdu), Pair.of(2, mutated), Pair.of(1, resized))
                .describedAs(Arrays::toString);
    }
}
