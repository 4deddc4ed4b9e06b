package org.p2pkit.conformance.roles;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.p2pkit.conformance.run.Expectations;
import org.p2pkit.conformance.run.WireLog;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PduReader;
import org.p2pkit.model.TransferHeader;

/** A download from the target's content server, as the harness plays a downloading peer. */
public final class ContentFetch {
    /** What came back: the content bytes, the piece lengths, how the stream ended. */
    public record Result(byte[] content, List<Integer> pieces, Message end, boolean closedAfterEnd, String problem) {
    }

    /**
     * What came back for an extended D (EXT-9): the first PDU (H, or E), the raw bytes after an H,
     * whether the server closed right after them, or what went wrong.
     */
    public record Extended(Message first, byte[] raw, boolean closed, String problem) {
        static Extended failed(String problem) {
            return new Extended(null, new byte[0], false, problem);
        }
    }

    /** The files of cases are small; an H that announces more is answered as a problem, not read. */
    private static final long MAX_RAW_BYTES = 64L << 20;

    private ContentFetch() {
    }

    /** Downloads from {@code server}, connecting from {@code local} (null: any address). */
    public static Result run(InetSocketAddress server, InetAddress local, byte[] request, String role, WireLog log, int timeoutMillis) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<Integer> pieces = new ArrayList<>();
        try (Socket socket = open(server, local, request, role, log, timeoutMillis)) {
            PduReader reader = new PduReader(socket.getInputStream());
            while (true) {
                boolean more;
                try {
                    more = reader.next();
                } catch (EOFException e) {
                    return new Result(content.toByteArray(), pieces, null, false, "the stream was cut inside a PDU: " + e.getMessage());
                } catch (SocketTimeoutException e) {
                    return new Result(content.toByteArray(), pieces, null, false, "no data for " + timeoutMillis + " ms before the end marker");
                }
                if (!more) {
                    return new Result(content.toByteArray(), pieces, null, false, "the connection closed before the end marker (XFER-3)");
                }
                int length = ContentFraming.pieceLength(reader.buffer(), reader.offset());
                if (length >= 0) {
                    content.write(reader.buffer(), ContentFraming.pieceOffset(reader.offset()), length);
                    pieces.add(length);
                    continue;
                }
                byte[] pdu = reader.pduBytes();
                log.received(role, pdu, Direction.REPLY);
                Message message;
                try {
                    message = PduCodec.decode(pdu, Direction.REPLY);
                } catch (MalformedPduException e) {
                    return new Result(content.toByteArray(), pieces, null, false, "a PDU that does not decode: " + e.getMessage());
                }
                if (message instanceof ContentEnd || message instanceof ErrorReply) {
                    log.note(role, pieces.size() + " pieces, " + content.size() + " bytes before " + message.getClass().getSimpleName());
                    return new Result(content.toByteArray(), pieces, message, closedAfter(reader), null);
                }
                return new Result(content.toByteArray(), pieces, message, false, "an unexpected " + Expectations.summary(message) + " in the stream");
            }
        }
    }

    /** Sends an extended D and takes H and exactly the bytes it announces; anything more is a problem. */
    public static Extended runExtended(InetSocketAddress server, InetAddress local, byte[] request, String role, WireLog log, int timeoutMillis)
            throws IOException {
        try (Socket socket = open(server, local, request, role, log, timeoutMillis)) {
            InputStream in = socket.getInputStream();
            byte[] first;
            try {
                first = in.readNBytes(PduCodec.PDU_SIZE);
            } catch (SocketTimeoutException e) {
                return Extended.failed("no answer within " + timeoutMillis + " ms");
            }
            if (first.length < PduCodec.PDU_SIZE) {
                return Extended.failed("the connection closed after " + first.length + " bytes, before a whole PDU");
            }
            log.received(role, first, Direction.REPLY);
            Message message;
            try {
                message = PduCodec.decode(first, Direction.REPLY);
            } catch (MalformedPduException e) {
                return Extended.failed("a PDU that does not decode: " + e.getMessage());
            }
            if (!(message instanceof TransferHeader header)) {
                return new Extended(message, new byte[0], closedAfter(in), null);
            }
            if (header.remaining() > MAX_RAW_BYTES) {
                return new Extended(message, new byte[0], false, "H announces " + header.remaining() + " bytes, more than a case's file");
            }
            byte[] raw;
            try {
                raw = in.readNBytes((int) header.remaining());
            } catch (SocketTimeoutException e) {
                return new Extended(message, new byte[0], false, "no data for " + timeoutMillis + " ms before the last announced byte");
            }
            log.note(role, raw.length + " raw bytes after H");
            if (raw.length < header.remaining()) {
                return new Extended(message, raw, true, "the connection closed after " + raw.length + " of " + header.remaining() + " announced bytes");
            }
            int next;
            try {
                next = in.read();
            } catch (SocketTimeoutException e) {
                return new Extended(message, raw, false, null);
            }
            return new Extended(message, raw, next < 0, next < 0 ? null : "bytes follow the last announced byte");
        }
    }

    private static Socket open(InetSocketAddress server, InetAddress local, byte[] request, String role, WireLog log, int timeoutMillis)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            log.sent(role, request, Direction.REQUEST);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Whether the server closes the connection after what it sent, within the timeout. */
    private static boolean closedAfter(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Whether the server closes the connection after its last PDU (XFER-4), within the timeout. */
    private static boolean closedAfter(PduReader reader) throws IOException {
        try {
            return !reader.next();
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        }
    }
}
