package org.p2pkit.index;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;

/**
 * One thread's receive loop: take a datagram, let the {@link RequestHandler} answer it, send the
 * replies back to its source. Buffers are allocated once per thread. Nothing a datagram contains
 * ends the loop (RECV-1); only closing the channel does.
 */
final class UdpWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger("org.p2pkit.index");
    /** Larger than any UDP payload, so an over-long datagram is seen whole and never cut to look like a PDU. */
    private static final int RECEIVE_BUFFER = 65_536;

    private final DatagramChannel channel;
    private final RequestHandler handler;

    UdpWorker(DatagramChannel channel, RequestHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    @Override
    public void run() {
        ByteBuffer in = ByteBuffer.allocate(RECEIVE_BUFFER);
        byte[] received = in.array();
        ByteBuffer out = ByteBuffer.allocateDirect(PduCodec.PDU_SIZE);
        ReplyEncoder encoder = new ReplyEncoder();
        while (channel.isOpen()) {
            SocketAddress source;
            try {
                in.clear();
                source = channel.receive(in);
            } catch (ClosedChannelException e) {
                return; // closed by IndexServer.close()
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                LOG.log(Level.WARNING, "receive failed; going on", e);
                continue;
            }
            if (source == null) {
                continue;
            }
            try {
                List<Message> replies = handler.handle(received, 0, in.position(), (InetSocketAddress) source);
                for (int i = 0; i < replies.size(); i++) {
                    out.clear();
                    out.put(encoder.encode(replies.get(i)));
                    out.flip();
                    channel.send(out, source);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.FINE, e, () -> "reply to " + IndexLog.describe((InetSocketAddress) source) + " failed");
            } catch (RuntimeException e) {
                // A bug, not bad input (the handler answers all input); keep serving the others.
                LOG.log(Level.SEVERE, e, () -> "internal error on a datagram from "
                        + IndexLog.describe((InetSocketAddress) source) + "; not answered");
            }
        }
    }
}
