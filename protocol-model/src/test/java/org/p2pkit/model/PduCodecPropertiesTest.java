package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Round trips and robustness of the codec over generated messages and bytes (spec sections 3 to 6). */
class PduCodecPropertiesTest {
    private static final String NAME_CHARS = "!\"#$%&'()+-.0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    private static final byte[] TYPE_LETTERS = "ACDEFORSTXZ".getBytes();

    @Property
    void everyMessageSurvivesARoundTrip(@ForAll("messages") Message message) {
        byte[] pdu = PduCodec.encode(message);
        assertEquals(PduCodec.PDU_SIZE, pdu.length);
        assertEquals(message, PduCodec.decode(pdu, directionOf(message)));
    }

    @Property
    void bytesAfterTheNulNeverChangeTheDecodedMessage(@ForAll("messages") Message message, @ForAll @Size(100) byte[] noise) {
        byte[] pdu = PduCodec.encode(message);
        int nul = ContentFraming.indexOfNul(pdu, 1, pdu.length);
        System.arraycopy(noise, 0, pdu, nul + 1, pdu.length - nul - 1);
        assertEquals(message, PduCodec.decode(pdu, directionOf(message)));
    }

    @Property(tries = 3000)
    void arbitraryBytesOfAnyLengthDecodeOrRaiseTheDocumentedException(
            @ForAll @Size(max = 300) byte[] bytes, @ForAll Direction direction) {
        decodeOrMalformed(bytes, direction);
    }

    @Property(tries = 5000)
    void arbitraryPdusOfKnownTypesDecodeOrRaiseTheDocumentedException(
            @ForAll("pduSized") byte[] bytes, @ForAll Direction direction) {
        decodeOrMalformed(bytes, direction);
    }

    @Property(tries = 3000)
    void mutatedValidPdusDecodeOrRaiseTheDocumentedException(
            @ForAll("messages") Message message, @ForAll("positions") List<Integer> positions, @ForAll byte value, @ForAll Direction direction) {
        byte[] pdu = PduCodec.encode(message);
        positions.forEach(at -> pdu[at] = value);
        decodeOrMalformed(pdu, direction);
    }

    private static void decodeOrMalformed(byte[] bytes, Direction direction) {
        try {
            Message message = PduCodec.decode(bytes, direction);
            assertEquals(PduCodec.PDU_SIZE, bytes.length);
            // Whatever decodes re-encodes to something that decodes to the same message.
            assertEquals(message, PduCodec.decode(PduCodec.encode(message), directionOf(message)));
        } catch (MalformedPduException e) {
            if (e.offset() < 0 || e.offset() > PduCodec.PDU_SIZE || e.field().isEmpty()) {
                throw new AssertionError("exception without a usable location: " + e.getMessage(), e);
            }
        }
    }

    static Direction directionOf(Message message) {
        return message instanceof SearchHit || message instanceof ListEntry || message instanceof EmptyListEntry
                ? Direction.REPLY : Direction.REQUEST;
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, PduCodec.PDU_SIZE - 1).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> pduSized() {
        Arbitrary<byte[]> printable = Arbitraries.bytes().between((byte) 0, (byte) 0x7f).array(byte[].class).ofSize(PduCodec.PDU_SIZE);
        return Combinators.combine(printable, Arbitraries.of(toList(TYPE_LETTERS))).as((bytes, type) -> {
            byte[] copy = Arrays.copyOf(bytes, bytes.length);
            copy[0] = type;
            return copy;
        });
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<PeerName> peers = names().map(PeerName::new);
        Arbitrary<ContentName> contents = names().map(ContentName::new);
        Arbitrary<PeerAddress> addresses = Combinators.combine(
                Arbitraries.integers().between(0, 255).list().ofSize(4), Arbitraries.integers().between(1, 65535))
                .as((octets, port) -> octets.get(0) + "." + octets.get(1) + "." + octets.get(2) + "." + octets.get(3) + "/" + port)
                .filter(text -> text.length() <= PeerAddress.MAX_TEXT_LENGTH)
                .map(PeerAddress::parse);
        Arbitrary<String> texts = Arbitraries.strings().withCharRange((char) 1, (char) 0x7f).ofMaxLength(99);
        Arbitrary<byte[]> pieces = Arbitraries.bytes().filter(b -> b != 0).array(byte[].class).ofMaxSize(99);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(peers, contents, addresses).as(Registration::new),
                Combinators.combine(peers, contents).as(SearchRequest::new),
                Combinators.combine(peers, addresses).as(SearchHit::new),
                Combinators.combine(peers, contents).as(ContentDeregistration::new),
                peers.map(PeerDeregistration::new),
                Combinators.combine(peers, Arbitraries.integers().between(0, 999_999_999)).as(ListRequest::new),
                Combinators.combine(peers, contents.list().ofMaxSize(8)).as(ListEntry::new),
                Arbitraries.just(new EmptyListEntry()),
                Arbitraries.integers().between(0, 999_999_999).map(ListEnd::new),
                texts.map(Acknowledgement::new),
                texts.filter(t -> ListEndText.parse(t) == null).map(ErrorReply::new),
                Combinators.combine(peers, contents).as(DownloadRequest::new),
                pieces.map(ContentPiece::new),
                Arbitraries.just(new ContentEnd())));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withChars(NAME_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(9);
    }

    private static List<Byte> toList(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return List.of(boxed);
    }
}
