package org.p2pkit.model;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.p2pkit.model.grammar.ExtBlock;
import org.p2pkit.model.grammar.P2pPdu;
import org.p2pkit.model.grammar.P2pPdu.PduType;

/**
 * Encodes messages to 101-byte PDUs and decodes them back (spec/PROTOCOL.md sections 3 to 6).
 *
 * <p>The byte layout lives in {@code spec/pdu.ksy} and the code generated from it; this is the only
 * class that touches that code. It maps generated structs to messages and back, and turns every
 * failure of the generated parser into a {@link MalformedPduException}.
 */
public final class PduCodec {
    /** Every PDU is exactly this long, on UDP and on TCP (FRAME-1). */
    public static final int PDU_SIZE = 101;

    // Values of the grammar's `contents` fields: the generated code does not fill them in when
    // writing, and its _check() rejects any value that disagrees with the grammar.
    private static final byte[] COMMA = {','};
    private static final byte[] NUL = {0};
    private static final byte[] NO_TAIL = {};
    private static final String PEER_MARKER = "*********";
    /** The types a peer sends to the index (spec section 4); the other known types travel the other way or over TCP. */
    private static final int HEADER_TYPE = (int) PduType.TRANSFER_HEADER.id();
    private static final Set<PduType> INDEX_REQUESTS = EnumSet.of(PduType.REGISTER, PduType.SEARCH, PduType.DEREGISTER, PduType.LIST);

    private PduCodec() {
    }

    /** Encodes a message to exactly {@link #PDU_SIZE} bytes; the tail after the NUL is zeros. */
    public static byte[] encode(Message message) {
        P2pPdu pdu = new P2pPdu(isReply(message));
        pdu.setPduType(typeOf(message));
        KaitaiStruct.ReadWrite data = dataOf(message, pdu);
        pdu.setData(data);
        pdu._check();
        ByteBufferKaitaiStream out = new ByteBufferKaitaiStream(PDU_SIZE);
        pdu._write(out);
        return withBlock(message, out.toByteArray());
    }

    /** Adds the extension block of an extended message to its classic bytes (EXT-1); H has its block in the grammar and only needs sealing. */
    private static byte[] withBlock(Message message, byte[] pdu) {
        int type = pdu[0] & 0xff;
        if (message instanceof TransferHeader) {
            return ExtensionBlock.seal(pdu);
        } else if (message instanceof Registration m && m.stamp().isPresent()) {
            return stamped(pdu, m.stamp().get());
        } else if (message instanceof SearchHit m && m.stamp().isPresent()) {
            return stamped(pdu, m.stamp().get());
        } else if (message instanceof Acknowledgement m && m.stampKept()) {
            return ExtensionBlock.append(pdu, ExtensionBlock.of(type, null, block -> new byte[0]));
        } else if (message instanceof DownloadRequest m && m.resume().isPresent()) {
            ResumePoint resume = m.resume().get();
            return ExtensionBlock.append(pdu, ExtensionBlock.of(type, null, block -> {
                ExtBlock.ResumeBody body = new ExtBlock.ResumeBody(null, block, block);
                body.setOffset(resume.offset());
                body.setSha256(resume.sha256().map(ContentStamp::digestOf).orElse(new byte[ContentStamp.DIGEST_BYTES]));
                return body;
            }));
        }
        return pdu;
    }

    private static byte[] stamped(byte[] pdu, ContentStamp stamp) {
        return ExtensionBlock.append(pdu, ExtensionBlock.of(pdu[0] & 0xff, null, block -> ExtensionBlock.stampBody(block, stamp)));
    }

    /**
     * Where the tail of a PDU decoded as {@code message} starts: right after its extension block
     * when the message carries one (EXT-1), else right after the NUL (FRAME-3); -1 without a NUL.
     * Every byte from there on is zero in a PDU that discloses nothing (SEC-16).
     */
    public static int tailStart(byte[] pdu, Message message) {
        // H carries its block in the grammar; any other message carries one exactly when its tail holds one
        boolean extended = message instanceof TransferHeader || ExtensionBlock.find(pdu).isPresent();
        int nul = ContentFraming.indexOfNul(pdu, 1, pdu.length);
        return nul < 0 ? -1 : extended ? ExtensionBlock.endOffset(pdu) : nul + 1;
    }

    /** Whether a byte is the type letter of a PDU the grammar knows (spec section 3.1). */
    public static boolean isKnownType(byte letter) {
        return PduType.byId(letter & 0xff) != null;
    }

    /** Whether a byte is the type letter of a request to the index: R, S, T or O (spec section 4). */
    public static boolean isIndexRequestType(byte letter) {
        PduType type = PduType.byId(letter & 0xff);
        return type != null && INDEX_REQUESTS.contains(type);
    }

    /** The type letter a message travels under. */
    public static char typeLetter(Message message) {
        return (char) typeOf(message).id();
    }

    /** Decodes one PDU of exactly {@link #PDU_SIZE} bytes. */
    public static Message decode(byte[] bytes, Direction direction) {
        return decode(bytes, 0, bytes.length, direction);
    }

    /**
     * Decodes the PDU in {@code bytes[offset, offset + length)}; any length but 101 is malformed.
     *
     * @throws MalformedPduException whatever is wrong with the bytes; never anything else
     */
    public static Message decode(byte[] bytes, int offset, int length, Direction direction) {
        if (length != PDU_SIZE) {
            throw new MalformedPduException("pdu", 0, "length " + length + ", a PDU is exactly " + PDU_SIZE + " bytes (FRAME-1)");
        }
        P2pPdu pdu = new P2pPdu(new ByteBufferKaitaiStream(Arrays.copyOfRange(bytes, offset, offset + length)),
                direction == Direction.REPLY);
        try {
            pdu._read();
        } catch (RuntimeException e) {
            throw ParseFailure.locate(pdu, bytes[offset], e);
        }
        return toMessage(pdu, pdu._io().toByteArray());
    }

    private static boolean isReply(Message message) {
        return message instanceof SearchHit || message instanceof ListEntry || message instanceof EmptyListEntry;
    }

    private static PduType typeOf(Message message) {
        if (message instanceof Registration) {
            return PduType.REGISTER;
        } else if (message instanceof SearchRequest || message instanceof SearchHit) {
            return PduType.SEARCH;
        } else if (message instanceof ContentDeregistration || message instanceof PeerDeregistration) {
            return PduType.DEREGISTER;
        } else if (message instanceof ListRequest || message instanceof ListEntry || message instanceof EmptyListEntry) {
            return PduType.LIST;
        } else if (message instanceof Acknowledgement) {
            return PduType.ACKNOWLEDGEMENT;
        } else if (message instanceof ErrorReply || message instanceof ListEnd) {
            return PduType.ERROR;
        } else if (message instanceof DownloadRequest) {
            return PduType.DOWNLOAD;
        } else if (message instanceof ContentPiece) {
            return PduType.CONTENT;
        } else if (message instanceof ContentEnd) {
            return PduType.CONTENT_END;
        } else if (message instanceof TransferHeader) {
            return PduType.TRANSFER_HEADER;
        }
        throw new IllegalStateException("no PDU type for " + message);
    }

    private static KaitaiStruct.ReadWrite dataOf(Message message, P2pPdu root) {
        if (message instanceof Registration m) {
            P2pPdu.RegisterData data = new P2pPdu.RegisterData(null, root, root);
            P2pPdu.PaddedAddress address = new P2pPdu.PaddedAddress(null, data, root);
            address.setHost(m.address().host());
            address.setPort(Integer.toString(m.address().port()));
            address._check();
            data.setPeerName(m.peer().value());
            data.setSepContent(COMMA);
            data.setContentName(m.content().value());
            data.setSepAddress(COMMA);
            data.setAddress(address);
            data.setEnd(NUL);
            data.setTail(NO_TAIL);
            return checked(data);
        } else if (message instanceof SearchRequest m) {
            return wrapSearch(root, data -> {
                P2pPdu.SearchRequest body = new P2pPdu.SearchRequest(null, data, root);
                body.setPeerName(m.peer().value());
                body.setSepContent(COMMA);
                body.setContentName(m.content().value());
                body.setEnd(NUL);
                body.setTail(NO_TAIL);
                return body;
            });
        } else if (message instanceof SearchHit m) {
            return wrapSearch(root, data -> {
                P2pPdu.SearchHit body = new P2pPdu.SearchHit(null, data, root);
                P2pPdu.SearchHitText text = new P2pPdu.SearchHitText(null, body, root);
                text.setHolder(m.holder().padded());
                text.setHost(m.address().host());
                text.setPort(Integer.toString(m.address().port()));
                body.setText(checked(text));
                body.setText_OuterSize(writtenSize(text));
                body.setTail(NO_TAIL);
                return body;
            });
        } else if (message instanceof ContentDeregistration m) {
            return deregisterData(root, m.peer(), m.content().value());
        } else if (message instanceof PeerDeregistration m) {
            return deregisterData(root, m.peer(), PEER_MARKER);
        } else if (message instanceof ListRequest m) {
            return wrapList(root, data -> {
                P2pPdu.ListRequest body = new P2pPdu.ListRequest(null, data, root);
                body.setPeerName(m.peer().value());
                body.setSepStart(m.start() == 0 ? 0 : ',');
                body.setStart(m.start() == 0 ? null : Integer.toString(m.start()));
                body.setTail(NO_TAIL);
                return body;
            });
        } else if (message instanceof ListEntry m) {
            List<String> slots = new ArrayList<>();
            m.contents().forEach(content -> slots.add(content.padded()));
            while (slots.size() < ListEntry.MAX_CONTENTS) {
                slots.add("");
            }
            return listEntryData(root, m.peer().padded(), slots);
        } else if (message instanceof EmptyListEntry) {
            return listEntryData(root, "", List.of("", "", "", "", "", "", "", ""));
        } else if (message instanceof Acknowledgement m) {
            return textData(root, m.text());
        } else if (message instanceof ErrorReply m) {
            return textData(root, m.reason());
        } else if (message instanceof ListEnd m) {
            return textData(root, ListEndText.of(m));
        } else if (message instanceof DownloadRequest m) {
            P2pPdu.DownloadData data = new P2pPdu.DownloadData(null, root, root);
            data.setHolder(m.holder().value());
            data.setSepContent(COMMA);
            data.setContentName(m.content().value());
            data.setEnd(NUL);
            data.setTail(NO_TAIL);
            return checked(data);
        } else if (message instanceof ContentPiece m) {
            P2pPdu.ContentData data = new P2pPdu.ContentData(null, root, root);
            data.setPiece(m.bytes());
            data.setTail(NO_TAIL);
            return checked(data);
        } else if (message instanceof ContentEnd) {
            return textData(root, "");
        } else if (message instanceof TransferHeader m) {
            P2pPdu.HeaderData data = new P2pPdu.HeaderData(null, root, root);
            data.setHolder(m.holder().value());
            data.setSepContent(COMMA);
            data.setContentName(m.content().value());
            data.setEnd(NUL);
            data.setBlock(ExtensionBlock.of(HEADER_TYPE, data, block -> {
                ExtBlock.HeaderBody body = new ExtBlock.HeaderBody(null, block, block);
                body.setSize(m.stamp().size());
                body.setOffset(m.offset());
                body.setSha256(m.stamp().digest());
                return body;
            }));
            data.setTail(NO_TAIL);
            return checked(data);
        }
        throw new IllegalStateException("no PDU data for " + message);
    }

    private static KaitaiStruct.ReadWrite wrapSearch(P2pPdu root, Function<P2pPdu.SearchData, KaitaiStruct.ReadWrite> body) {
        P2pPdu.SearchData data = new P2pPdu.SearchData(null, root, root);
        data.setBody(checked(body.apply(data)));
        return checked(data);
    }

    private static KaitaiStruct.ReadWrite wrapList(P2pPdu root, Function<P2pPdu.ListData, KaitaiStruct.ReadWrite> body) {
        P2pPdu.ListData data = new P2pPdu.ListData(null, root, root);
        data.setBody(checked(body.apply(data)));
        return checked(data);
    }

    private static KaitaiStruct.ReadWrite deregisterData(P2pPdu root, PeerName peer, String content) {
        P2pPdu.DeregisterData data = new P2pPdu.DeregisterData(null, root, root);
        data.setPeerName(peer.value());
        data.setSepContent(COMMA);
        data.setContentName(content);
        data.setEnd(NUL);
        data.setTail(NO_TAIL);
        return checked(data);
    }

    private static KaitaiStruct.ReadWrite listEntryData(P2pPdu root, String peer, List<String> slots) {
        return wrapList(root, data -> {
            P2pPdu.ListEntry body = new P2pPdu.ListEntry(null, data, root);
            P2pPdu.ListEntryText text = new P2pPdu.ListEntryText(null, body, root);
            text.setPeerName(peer);
            text.setContentSlots(new ArrayList<>(slots.subList(0, slots.size() - 1)));
            text.setLastContentSlot(slots.get(slots.size() - 1));
            body.setText(checked(text));
            body.setText_OuterSize(writtenSize(text));
            body.setTail(NO_TAIL);
            return body;
        });
    }

    private static KaitaiStruct.ReadWrite textData(P2pPdu root, String text) {
        P2pPdu.TextData data = new P2pPdu.TextData(null, root, root);
        data.setText(text);
        data.setTail(NO_TAIL);
        return checked(data);
    }

    /**
     * How many bytes a NUL-ended part takes: the generated code writes it once to find out. Its last
     * field runs to the end of the part, which the generated writer checks; the probe says it is
     * there wherever the writing stops.
     */
    static int writtenSize(KaitaiStruct.ReadWrite text) {
        ByteBufferKaitaiStream probe = new ByteBufferKaitaiStream(PDU_SIZE) {
            @Override
            public boolean isEof() {
                return true;
            }
        };
        text._write_Seq(probe);
        return (int) probe.pos();
    }

    private static <T extends KaitaiStruct.ReadWrite> T checked(T struct) {
        struct._check();
        return struct;
    }

    private static Message toMessage(P2pPdu pdu, byte[] bytes) {
        int base = 1; // data starts after the type byte
        Optional<ExtBlock> block = pdu.pduType() == PduType.TRANSFER_HEADER ? Optional.empty() : ExtensionBlock.find(bytes);
        switch (pdu.pduType()) {
            case REGISTER: {
                P2pPdu.RegisterData d = (P2pPdu.RegisterData) pdu.data();
                P2pPdu.PaddedAddress a = d.address();
                int addressBase = base + d._attrStart.get("address");
                String host = value(a._attrStart, addressBase, "host", () -> PeerAddress.checkHost(a.host()));
                PeerAddress address = value(a._attrStart, addressBase, "port", () -> PeerAddress.of(host, a.port()));
                return new Registration(
                        value(d._attrStart, base, "peerName", () -> new PeerName(d.peerName())),
                        value(d._attrStart, base, "contentName", () -> new ContentName(d.contentName())),
                        address, block.flatMap(PduCodec::stampOf));
            }
            case SEARCH: {
                KaitaiStruct body = ((P2pPdu.SearchData) pdu.data()).body();
                if (body instanceof P2pPdu.SearchRequest r) {
                    return new SearchRequest(
                            value(r._attrStart, base, "peerName", () -> new PeerName(r.peerName())),
                            value(r._attrStart, base, "contentName", () -> new ContentName(r.contentName())));
                }
                P2pPdu.SearchHit hit = (P2pPdu.SearchHit) body;
                P2pPdu.SearchHitText h = hit.text();
                int textBase = base + hit._attrStart.get("text");
                PeerName holder = value(h._attrStart, textBase, "holder", () -> new PeerName(unpadded(h.holder())));
                String host = value(h._attrStart, textBase, "host", () -> PeerAddress.checkHost(h.host()));
                return new SearchHit(holder, value(h._attrStart, textBase, "port", () -> PeerAddress.of(host, h.port())),
                        block.flatMap(PduCodec::stampOf));
            }
            case DEREGISTER: {
                P2pPdu.DeregisterData d = (P2pPdu.DeregisterData) pdu.data();
                PeerName peer = value(d._attrStart, base, "peerName", () -> new PeerName(d.peerName()));
                if (d.isPeerDeregistration()) {
                    return new PeerDeregistration(peer);
                }
                return new ContentDeregistration(peer, value(d._attrStart, base, "contentName", () -> new ContentName(d.contentName())));
            }
            case LIST: {
                KaitaiStruct body = ((P2pPdu.ListData) pdu.data()).body();
                if (body instanceof P2pPdu.ListRequest r) {
                    PeerName peer = value(r._attrStart, base, "peerName", () -> new PeerName(r.peerName()));
                    int start = r.start() == null ? 0 : value(r._attrStart, base, "start", () -> listStart(r.start()));
                    return new ListRequest(peer, start);
                }
                P2pPdu.ListEntry entry = (P2pPdu.ListEntry) body;
                return toListEntry(entry.text(), base + entry._attrStart.get("text"));
            }
            case ACKNOWLEDGEMENT: {
                P2pPdu.TextData d = (P2pPdu.TextData) pdu.data();
                return value(d._attrStart, base, "text", () -> new Acknowledgement(d.text(), block.isPresent()));
            }
            case ERROR: {
                P2pPdu.TextData d = (P2pPdu.TextData) pdu.data();
                ListEnd end = ListEndText.parse(d.text());
                return end != null ? end : value(d._attrStart, base, "text", () -> new ErrorReply(d.text()));
            }
            case DOWNLOAD: {
                P2pPdu.DownloadData d = (P2pPdu.DownloadData) pdu.data();
                return new DownloadRequest(
                        value(d._attrStart, base, "holder", () -> new PeerName(d.holder())),
                        value(d._attrStart, base, "contentName", () -> new ContentName(d.contentName())),
                        block.map(b -> resumeOf(b, base + d._attrStart.get("end") + 1)));
            }
            case TRANSFER_HEADER: {
                P2pPdu.HeaderData d = (P2pPdu.HeaderData) pdu.data();
                ExtBlock b = d.block();
                // The block shares the data's stream, so its positions count from the data's start.
                if (!ExtensionBlock.checkHolds(bytes, b)) {
                    throw new MalformedPduException("check", base + b._attrStart.get("check"), "the CRC-32C does not match the PDU (EXT-1)");
                }
                ExtBlock.HeaderBody h = (ExtBlock.HeaderBody) b.body();
                int bodyBase = base + b._attrStart.get("body");
                ContentStamp stamp = value(h._attrStart, bodyBase, "size", () -> ContentStamp.of(h.size(), h.sha256()));
                PeerName holder = value(d._attrStart, base, "holder", () -> new PeerName(d.holder()));
                ContentName content = value(d._attrStart, base, "contentName", () -> new ContentName(d.contentName()));
                // the header itself refuses an offset past the size (EXT-9)
                return value(h._attrStart, bodyBase, "offset", () -> new TransferHeader(holder, content, stamp, h.offset()));
            }
            case CONTENT:
                return new ContentPiece(((P2pPdu.ContentData) pdu.data()).piece());
            case CONTENT_END:
                return new ContentEnd(); // XFER-3: any text of F is ignored
            default:
                throw new MalformedPduException("pdu_type", 0, "type " + pdu.pduType() + " has no message");
        }
    }

    /** The stamp of a block of R or S hit (EXT-4, EXT-6); a negative size is not a stamp, so the tail counts as leftovers. */
    private static Optional<ContentStamp> stampOf(ExtBlock block) {
        return block.body() instanceof ExtBlock.StampBody s && s.size() >= 0 ? Optional.of(ContentStamp.of(s.size(), s.sha256())) : Optional.empty();
    }

    /** The resume point of a D's block (EXT-8); an offset without a digest is malformed. */
    private static ResumePoint resumeOf(ExtBlock block, int blockBase) {
        ExtBlock.ResumeBody r = (ExtBlock.ResumeBody) block.body();
        int bodyBase = blockBase + block._attrStart.get("body");
        boolean fresh = Arrays.equals(r.sha256(), new byte[ContentStamp.DIGEST_BYTES]);
        return value(r._attrStart, bodyBase, "offset", () -> new ResumePoint(r.offset(),
                fresh ? Optional.empty() : Optional.of(ContentStamp.hex(r.sha256()))));
    }

    private static Message toListEntry(P2pPdu.ListEntryText e, int base) {
        List<String> slots = new ArrayList<>(e.contentSlots());
        slots.add(e.lastContentSlot());
        List<ContentName> contents = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            String slot = unpadded(slots.get(i));
            if (!slot.isEmpty()) {
                int start = i < slots.size() - 1 ? e._arrStart.get("contentSlots").get(i) : e._attrStart.get("lastContentSlot");
                contents.add(value(Map.of("slot", start), base, "slot", () -> new ContentName(slot)));
            }
        }
        String peer = unpadded(e.peerName());
        if (peer.isEmpty()) {
            if (!contents.isEmpty()) {
                throw new MalformedPduException("peer_name", base, "an entry with contents has no peer name (IDX-LIST-2)");
            }
            return new EmptyListEntry();
        }
        return new ListEntry(value(e._attrStart, base, "peerName", () -> new PeerName(peer)), contents);
    }

    private static int listStart(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("list start '" + text + "' is not a decimal number (IDX-LIST-5)");
        }
        return Integer.parseInt(text);
    }

    /** Names in '/'-separated replies end at the separator; senders pad them with spaces (NAME-3). */
    private static String unpadded(String field) {
        int end = field.length();
        while (end > 0 && field.charAt(end - 1) == ' ') {
            end--;
        }
        return field.substring(0, end);
    }

    /** Builds a field's value, reporting a rejected value as malformed at the field's offset. */
    private static <T> T value(Map<String, Integer> starts, int base, String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedPduException(ParseFailure.grammarName(field), base + starts.get(field), e.getMessage());
        }
    }
}
