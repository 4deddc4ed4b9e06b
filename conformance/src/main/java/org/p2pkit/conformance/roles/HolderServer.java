package org.p2pkit.conformance.roles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.p2pkit.conformance.cases.FileSpec;
import org.p2pkit.conformance.cases.Step;
import org.p2pkit.conformance.run.Expectations;
import org.p2pkit.conformance.run.WireLog;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.MessageFields;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.ResumePoint;
import org.p2pkit.model.TransferHeader;

/**
 * A holder the target downloads from: it takes one download request per connection, records it,
 * and answers as the script says (whole file, pieces cut at line ends, cut short, an error, or the
 * connection left open after F). An extended holder answers a D with a block with H and raw bytes
 * (EXT-9, EXT-10), with the faults the script plants.
 */
public final class HolderServer implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Step.Holder script;
    private final byte[] file;
    private final ContentStamp stamp;
    /** Fields of the H that differ from the truth, with the case's values. */
    private final Map<String, String> header;
    private final WireLog log;
    private final ServerSocket server;
    private final PeerAddress address;
    private final BlockingQueue<byte[]> requests = new ArrayBlockingQueue<>(16);
    private final List<Socket> open = new ArrayList<>();
    private final CountDownLatch closedByTarget = new CountDownLatch(1);

    public HolderServer(Step.Holder script, byte[] file, Map<String, String> header, WireLog log) throws IOException {
        this.script = script;
        this.file = file;
        this.stamp = FileSpec.stampOf(file);
        this.header = Map.copyOf(header);
        this.log = log;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.address = PeerAddress.of((InetSocketAddress) server.getLocalSocketAddress());
        if (script.refuse()) {
            server.close(); // the port stays named in the hit, but nothing listens there
        } else {
            Thread thread = new Thread(this::accept, "holder-" + script.role());
            thread.setDaemon(true);
            thread.start();
        }
    }

    public PeerAddress address() {
        return address;
    }

    /** The next download request the target sent, or null when none came in time. */
    public byte[] awaitRequest(int timeoutMillis) throws InterruptedException {
        return requests.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (open) {
                    open.add(socket);
                }
                serve(socket);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            byte[] request = in.readNBytes(PduCodec.PDU_SIZE);
            log.received(script.role(), request, Direction.REQUEST);
            requests.offer(request);
            OutputStream out = socket.getOutputStream();
            DownloadRequest extended = extendedRequest(request);
            if (script.error() != null) {
                send(out, PduCodec.encode(new ErrorReply(script.error())));
            } else if (script.extended() != null && extended != null) {
                answerExtended(out, extended);
            } else if (ContentFraming.indexOfNul(file, 0, file.length) >= 0) {
                send(out, PduCodec.encode(new ErrorReply("Content contains a NUL byte"))); // XFER-6: classic cannot carry it
            } else if (script.trickleMillis() > 0) {
                trickle(out);
            } else {
                stream(out);
            }
            out.flush();
            if (!script.keepOpen()) {
                socket.close();
            }
        } catch (IOException e) {
            log.note(script.role(), "connection ended: " + e.getMessage());
        }
    }

    private void stream(OutputStream out) throws IOException {
        List<byte[]> pdus = new ArrayList<>();
        int at = 0;
        while (at < file.length) {
            int end = Math.min(file.length, at + ContentPiece.MAX_BYTES);
            if (script.pieces().equals("lines")) {
                for (int i = at; i < end; i++) {
                    if (file[i] == '\n') {
                        end = i + 1;
                        break;
                    }
                }
            }
            pdus.add(PduCodec.encode(new ContentPiece(Arrays.copyOfRange(file, at, end))));
            at = end;
        }
        pdus.add(PduCodec.encode(new ContentEnd()));
        int budget = script.cutAfterBytes() < 0 ? Integer.MAX_VALUE : script.cutAfterBytes();
        int sent = 0;
        for (byte[] pdu : pdus) {
            if (sent + pdu.length > budget) {
                out.write(pdu, 0, budget - sent);
                log.note(script.role(), "cut the stream after " + budget + " bytes, as scripted");
                return;
            }
            send(out, pdu);
            sent += pdu.length;
        }
    }

    /** The request as a D with a block (EXT-8); null for a classic or malformed one. */
    private static DownloadRequest extendedRequest(byte[] request) {
        try {
            return PduCodec.decode(request, Direction.REQUEST) instanceof DownloadRequest d && d.resume().isPresent() ? d : null;
        } catch (MalformedPduException e) {
            return null;
        }
    }

    /**
     * H, then the raw bytes from the offset EXT-10 grants, then the close; or E when the D's offset
     * is past the end of this file. Planted: other H fields, a wrong check of H, a golden vector in
     * place of H, a changed byte, bytes past the end, a cut.
     */
    private void answerExtended(OutputStream out, DownloadRequest d) throws IOException {
        Step.ExtendedAnswer plant = script.extended();
        ResumePoint resume = d.resume().orElseThrow();
        boolean sameFile = resume.sha256().equals(Optional.of(stamp.sha256()));
        if (sameFile && resume.offset() > file.length) {
            send(out, PduCodec.encode(new ErrorReply("Resume offset past the end")));
            return;
        }
        int offset = sameFile ? (int) resume.offset() : 0;
        Map<String, String> fields = new LinkedHashMap<>(new TransferHeader(d.holder(), d.content(), stamp, offset).fields());
        fields.putAll(header);
        Message h = MessageFields.build("TransferHeader", fields);
        byte[] pdu = PduCodec.encode(h);
        if (plant.corruptCheck()) {
            Expectations.corruptCheck(pdu, h); // an H that does not decode (EXT-13)
        }
        if (plant.headerVector() != null) {
            pdu = plant.headerVector().bytes(); // an H the model refuses to build, sealed with a valid check (EXT-13)
        }
        send(out, pdu);
        byte[] raw = Arrays.copyOfRange(file, offset, file.length + plant.extraBytes());
        if (plant.corruptAt() >= offset && plant.corruptAt() < file.length) {
            raw[plant.corruptAt() - offset] ^= (byte) 0xff;
        }
        int length = script.cutAfterBytes() < 0 ? raw.length : Math.min(raw.length, script.cutAfterBytes());
        out.write(raw, 0, length);
        log.note(script.role(), "sent " + length + " raw bytes from offset " + offset + (length < raw.length ? ", cut as scripted" : ""));
    }

    /** A piece every trickleMillis, forever: a holder that never ends, until the target hangs up. */
    private void trickle(OutputStream out) throws IOException {
        byte[] piece = PduCodec.encode(new ContentPiece(Arrays.copyOf(file, Math.min(file.length, ContentPiece.MAX_BYTES))));
        log.note(script.role(), "sends a piece every " + script.trickleMillis() + " ms and never ends");
        try {
            while (true) {
                out.write(piece);
                out.flush();
                Thread.sleep(script.trickleMillis());
            }
        } catch (IOException e) {
            log.note(script.role(), "the target closed the connection");
            closedByTarget.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the target closed a trickled download within {@code millis}. */
    public boolean awaitClosedByTarget(int millis) throws InterruptedException {
        return closedByTarget.await(millis, TimeUnit.MILLISECONDS);
    }

    private void send(OutputStream out, byte[] pdu) throws IOException {
        log.sent(script.role(), pdu, Direction.REPLY);
        if (script.chunk() <= 0) {
            out.write(pdu);
            return;
        }
        for (int at = 0; at < pdu.length; at += script.chunk()) {
            out.write(pdu, at, Math.min(script.chunk(), pdu.length - at));
            out.flush(); // with no delay on the socket, each write leaves as a segment of its own
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }
}
