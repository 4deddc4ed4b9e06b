package org.p2pkit.model;

import java.util.List;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** QuickTheories generators of messages and bytes, shared by the property tests of the model. */
final class Generators {
    private static final String NAME_CHARS = "!\"#$%&'()+-.0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private Generators() {
    }

    /** Any byte value, shrinking towards 0. */
    static Gen<Byte> anyByte() {
        return Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    }

    /** Arrays of {@code minLength..maxLength} bytes of any value. */
    static Gen<byte[]> bytes(int minLength, int maxLength) {
        return Generate.byteArrays(Generate.range(minLength, maxLength), anyByte());
    }

    /** Arrays of up to {@code maxLength} bytes without a NUL, as a file that may travel holds (XFER-6). */
    static Gen<byte[]> nulFreeBytes(int maxLength) {
        Gen<Byte> nonZero = Generate.range(1, 255).map(i -> (byte) i.intValue());
        return Generate.byteArrays(Generate.range(0, maxLength), nonZero);
    }

    /** One message of each kind with equal chance, every field drawn from its whole valid range. */
    static Gen<Message> messages() {
        Gen<PeerName> peers = names().map(PeerName::new);
        Gen<ContentName> contents = names().map(ContentName::new);
        Gen<String> texts = SourceDSL.strings().betweenCodePoints(1, 0x7f).ofLengthBetween(0, 99);
        Gen<Integer> counts = Generate.range(0, 999_999_999);
        return oneOf(List.of(
                peers.zip(contents, addresses(), Registration::new),
                peers.zip(contents, SearchRequest::new),
                peers.zip(addresses(), SearchHit::new),
                peers.zip(contents, ContentDeregistration::new),
                peers.map(PeerDeregistration::new),
                peers.zip(counts, ListRequest::new),
                peers.zip(SourceDSL.lists().of(contents).ofSizeBetween(0, ListEntry.MAX_CONTENTS), ListEntry::new),
                Generate.constant(new EmptyListEntry()),
                counts.map(ListEnd::new),
                texts.map(text -> new Acknowledgement(text)),
                texts.assuming(t -> ListEndText.parse(t) == null).map(ErrorReply::new),
                peers.zip(contents, DownloadRequest::new),
                nulFreeBytes(ContentPiece.MAX_BYTES).map(ContentPiece::new),
                Generate.constant(new ContentEnd())));
    }

    /** The messages of the extended profile, each with its extension (spec section 11), H included. */
    static Gen<Message> extendedMessages() {
        Gen<PeerName> peers = names().map(PeerName::new);
        Gen<ContentName> contents = names().map(ContentName::new);
        Gen<ContentStamp> stamps = Generate.longRange(0, Long.MAX_VALUE).zip(bytes(32, 32), ContentStamp::of);
        Gen<ResumePoint> resumes = oneOf(List.of(Generate.constant(ResumePoint.FRESH),
                stamps.zip(Generate.longRange(0, Long.MAX_VALUE), (stamp, offset) -> ResumePoint.after(offset, stamp))));
        return oneOf(List.of(
                in -> new Registration(peers.generate(in), contents.generate(in), addresses().generate(in), Optional.of(stamps.generate(in))),
                in -> new SearchHit(peers.generate(in), addresses().generate(in), Optional.of(stamps.generate(in))),
                Generate.constant(Acknowledgement.STAMP_KEPT),
                in -> new DownloadRequest(peers.generate(in), contents.generate(in), Optional.of(resumes.generate(in))),
                in -> {
                    ContentStamp stamp = stamps.generate(in);
                    return new TransferHeader(peers.generate(in), contents.generate(in), stamp, Generate.longRange(0, stamp.size()).generate(in));
                }));
    }

    /**
     * Dotted quads with a port, in the 19 characters of the field (ADDR-1). The port is drawn last,
     * below what the host leaves room for: every address that fits can come out and none is thrown
     * away, where a filter would discard most (four three-digit octets and a five-digit port do not fit).
     */
    private static Gen<PeerAddress> addresses() {
        Gen<Integer> octet = Generate.range(0, 255);
        return in -> {
            String host = octet.generate(in) + "." + octet.generate(in) + "." + octet.generate(in) + "." + octet.generate(in);
            int portDigits = PeerAddress.MAX_TEXT_LENGTH - host.length() - 1;
            int maxPort = (int) Math.min(65535, Math.pow(10, portDigits) - 1);
            return PeerAddress.parse(host + "/" + Generate.range(1, maxPort).generate(in));
        };
    }

    /** Picks one of {@code gens} with equal chance; shrinks towards the first. */
    private static <T> Gen<T> oneOf(List<Gen<T>> gens) {
        return Generate.pick(gens).flatMap(gen -> gen);
    }

    private static Gen<String> names() {
        Gen<Character> nameChar = Generate.pick(NAME_CHARS.chars().mapToObj(c -> (char) c).toList());
        return SourceDSL.lists().of(nameChar).ofSizeBetween(1, 9)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }
}
