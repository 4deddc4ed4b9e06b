package org.p2pkit.peer;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;

/**
 * A downloader's connection to a holder. Every read waits only until the next bound of the
 * download falls due (SEC-14, XFER-11), and reads go straight into the caller's buffers, so the
 * raw bytes of an extended transfer (EXT-9) cost one copy from the socket.
 */
final class HolderChannel implements Closeable {
    private final SocketChannel channel;
    private final DownloadBounds bounds;
    private volatile Selector selector; // set once the request is sent; stop() wakes it

    HolderChannel(DownloadBounds bounds) throws IOException {
        this.channel = SocketChannel.open();
        this.bounds = bounds;
    }

    /** Connects, bounded by {@code timeout}; {@link #close()} from another thread aborts it. */
    void connect(InetSocketAddress holder, Duration timeout) throws IOException {
        channel.socket().connect(holder, (int) timeout.toMillis());
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    /** Sends the request, then starts the download's clocks (SEC-14). */
    void send(Message request) throws IOException {
        ByteBuffer pdu = ByteBuffer.wrap(PduCodec.encode(request));
        while (pdu.hasRemaining()) {
            channel.write(pdu); // still blocking: one PDU fits any socket buffer
        }
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        bounds.start();
    }

    /**
     * Reads into {@code buffer}, waiting for bytes at most until the next bound falls due.
     *
     * @return the bytes read, at least 1, or -1 at the end of the stream
     * @throws TransferFailedException when a bound breaks first
     */
    int read(ByteBuffer buffer) throws IOException {
        while (true) {
            int n = channel.read(buffer);
            if (n != 0) {
                bounds.heard();
                return n;
            }
            selector.select(bounds.untilNextBound());
            selector.selectedKeys().clear();
            if (!channel.isOpen()) {
                throw new ClosedChannelException(); // closed by stop() (SEC-15)
            }
        }
    }

    /** Reads exactly one PDU; null when the stream ends before its first byte. */
    byte[] readPdu() throws IOException {
        ByteBuffer pdu = ByteBuffer.allocate(PduCodec.PDU_SIZE);
        while (pdu.hasRemaining()) {
            if (read(pdu) < 0) {
                if (pdu.position() == 0) {
                    return null;
                }
                throw new EOFException("stream ended after " + pdu.position() + " of " + PduCodec.PDU_SIZE + " bytes of a PDU");
            }
        }
        return pdu.array();
    }

    /** The rest of the stream, for the PDUs of a classic transfer. */
    InputStream stream() {
        return new InputStream() {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return length == 0 ? 0 : HolderChannel.this.read(ByteBuffer.wrap(bytes, offset, length));
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    /** Closes the connection from another thread, ending a connect or a wait in {@link #read} (SEC-15). */
    void abort() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed as far as it goes: the downloading thread sees the channel closed
        }
        Selector waiting = selector;
        if (waiting != null) {
            waiting.wakeup();
        }
    }

    /** Closes the connection and its selector; by the downloading thread, once it is done. */
    @Override
    public void close() throws IOException {
        channel.close();
        if (selector != null) {
            selector.close();
        }
    }
}
