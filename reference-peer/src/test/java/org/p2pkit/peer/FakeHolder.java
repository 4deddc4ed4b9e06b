package org.p2pkit.peer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;

/**
 * A scripted content holder: a TCP server on a free loopback port that, for each connection,
 * reads the download request and writes the bytes of the next scripted reply in chunks, then
 * closes or leaves the connection open, as the original peer does after F.
 */
final class FakeHolder implements AutoCloseable {
    /** What happens after the scripted bytes are written. */
    enum Ending {
        CLOSE,
        /** The original's behaviour: the connection stays open until the client closes it. */
        LEAVE_OPEN
    }

    /** Bytes to write, split into writes of {@code chunk} bytes (the first write {@code firstChunk}). */
    record Reply(byte[] bytes, int firstChunk, int chunk, Ending ending) {
        static Reply of(List<? extends Message> messages, Ending ending) {
            byte[] bytes = pdus(messages);
            return new Reply(bytes, bytes.length, bytes.length, ending);
        }

        Reply splitAt(int first) {
            return new Reply(bytes, first, bytes.length, ending);
        }

        Reply inChunksOf(int size) {
            return new Reply(bytes, size, size, ending);
        }

        Reply ending(Ending newEnding) {
            return new Reply(bytes, firstChunk, chunk, newEnding);
        }

        Reply cutAfter(int length) {
            return new Reply(java.util.Arrays.copyOf(bytes, length), firstChunk, chunk, ending);
        }
    }

    private final ServerSocket server;
    private final Thread loop;
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> clientEnds = new LinkedBlockingQueue<>();

    FakeHolder() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        loop = new Thread(this::serve, "fake-holder");
        loop.setDaemon(true);
        loop.start();
    }

    PeerAddress address() {
        InetSocketAddress local = (InetSocketAddress) server.getLocalSocketAddress();
        return new PeerAddress(local.getAddress().getHostAddress(), local.getPort());
    }

    FakeHolder enqueue(Reply reply) {
        script.add(reply);
        return this;
    }

    /** The bytes of the next request received (the first 101 bytes of a connection). */
    byte[] takeRequest() throws InterruptedException {
        byte[] request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the fake holder received no request within 5 s");
        }
        return request;
    }

    /** After a LEAVE_OPEN reply: "closed" once the client closed its end, waiting at most 5 s. */
    String takeClientEnd() throws InterruptedException {
        String end = clientEnds.poll(5, TimeUnit.SECONDS);
        return end == null ? "still open after 5 s" : end;
    }

    static byte[] pdus(List<? extends Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            out.writeBytes(PduCodec.encode(m));
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                requests.add(in.readNBytes(PduCodec.PDU_SIZE));
                Reply reply = script.poll(5, TimeUnit.SECONDS);
                if (reply == null) {
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                byte[] bytes = reply.bytes();
                int first = Math.min(reply.firstChunk(), bytes.length);
                if (first > 0) {
                    out.write(bytes, 0, first);
                    out.flush();
                }
                for (int at = first; at < bytes.length; at += reply.chunk()) {
                    out.write(bytes, at, Math.min(reply.chunk(), bytes.length - at));
                    out.flush();
                }
                if (reply.ending() == Ending.LEAVE_OPEN) {
                    clientEnds.add(in.read() < 0 ? "closed" : "sent more bytes");
                }
            } catch (IOException | InterruptedException e) {
                clientEnds.add("error: " + e);
            }
        }
    }
}
