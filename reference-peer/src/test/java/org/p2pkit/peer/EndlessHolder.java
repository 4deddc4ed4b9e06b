package org.p2pkit.peer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;

/**
 * A holder whose content never ends: after the request it sends full C pieces and never F, in
 * writes of {@code chunk} bytes with {@code pause} between them, until the downloader closes.
 */
final class EndlessHolder implements AutoCloseable {
    private static final int PDUS = 640;

    private final ServerSocket server;
    private final byte[] stream = new byte[PDUS * PduCodec.PDU_SIZE];
    private final int chunk;
    private final long pauseMillis;
    private final AtomicInteger requests = new AtomicInteger();

    EndlessHolder(int chunk, Duration pause) throws IOException {
        if (chunk < 1 || chunk > stream.length - PduCodec.PDU_SIZE) {
            throw new IllegalArgumentException("chunk " + chunk);
        }
        this.chunk = chunk;
        this.pauseMillis = pause.toMillis();
        byte[] piece = new byte[ContentPiece.MAX_BYTES];
        Arrays.fill(piece, (byte) 'x');
        byte[] pdu = PduCodec.encode(new ContentPiece(piece));
        for (int i = 0; i < PDUS; i++) {
            System.arraycopy(pdu, 0, stream, i * pdu.length, pdu.length);
        }
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread loop = new Thread(this::serve, "endless-holder");
        loop.setDaemon(true);
        loop.start();
    }

    PeerAddress address() {
        InetSocketAddress local = (InetSocketAddress) server.getLocalSocketAddress();
        return new PeerAddress(local.getAddress().getHostAddress(), local.getPort());
    }

    /** How many download requests came. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.getInputStream().readNBytes(PduCodec.PDU_SIZE);
                requests.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                for (long at = 0; ; at += chunk) {
                    out.write(stream, (int) (at % PduCodec.PDU_SIZE), chunk);
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (IOException e) {
                // the downloader gave up: the next one
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
