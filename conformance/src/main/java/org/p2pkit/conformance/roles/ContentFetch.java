package org.p2pkit.conformance.roles;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
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

/** A download from the target's content server, as the harness plays a downloading peer. */
public final class ContentFetch {
    /** What came back: the content bytes, the piece lengths, how the stream ended. */
    public record Result(byte[] content, List<Integer> pieces, Message end, boolean closedAfterEnd, String problem) {
    }

    private ContentFetch() {
    }

    /** Downloads from {@code server}, connecting from {@code local} (null: any address). */
    public static Result run(InetSocketAddress server, InetAddress local, byte[] request, String role, WireLog log, int timeoutMillis) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<Integer> pieces = new ArrayList<>();
        try (Socket socket = new Socket()) {
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            log.sent(role, request, Direction.REQUEST);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
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
