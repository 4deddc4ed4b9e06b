package org.p2pkit.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;

/**
 * Encoding and decoding one PDU of each kind with the codec generated from the grammar, beside a
 * plain copy of 101 bytes (the least any codec does) and the bulk content path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"Registration", "SearchRequest", "SearchHit", "ListEntry", "ErrorReply", "ContentPiece", "ContentEnd"})
    public String kind;

    private Message message;
    private byte[] pdu;
    private Direction direction;
    private final byte[] piece = new byte[ContentPiece.MAX_BYTES];
    private final byte[] framed = new byte[PduCodec.PDU_SIZE];

    @Setup
    public void setUp() {
        PeerName alice = PeerName.of("alice");
        ContentName song = ContentName.of("song");
        PeerAddress address = PeerAddress.parse("127.0.0.1/40001");
        Arrays.fill(piece, (byte) 'x');
        message = switch (kind) {
            case "Registration" -> new Registration(alice, song, address);
            case "SearchRequest" -> new SearchRequest(alice, song);
            case "SearchHit" -> new SearchHit(alice, address);
            case "ListEntry" -> new ListEntry(alice, List.of(song, ContentName.of("tune"), ContentName.of("film")));
            case "ErrorReply" -> new ErrorReply("File not found!");
            case "ContentPiece" -> new ContentPiece(piece);
            case "ContentEnd" -> new ContentEnd();
            default -> throw new IllegalArgumentException(kind);
        };
        direction = message instanceof SearchHit || message instanceof ListEntry ? Direction.REPLY : Direction.REQUEST;
        pdu = PduCodec.encode(message);
    }

    @Benchmark
    public byte[] encode() {
        return PduCodec.encode(message);
    }

    @Benchmark
    public Message decode() {
        return PduCodec.decode(pdu, direction);
    }

    /** Baseline: copying the 101 bytes, what any encoder or decoder must at least do. */
    @Benchmark
    public byte[] baselineCopy() {
        return Arrays.copyOf(pdu, PduCodec.PDU_SIZE);
    }

    /** The bulk path the peers use for C PDUs, learned from the generated codec. */
    @Benchmark
    public int bulkFramePiece() {
        return ContentFraming.writePiece(piece, 0, piece.length, framed, 0);
    }
}
