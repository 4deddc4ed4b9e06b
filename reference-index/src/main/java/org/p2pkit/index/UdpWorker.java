package org.p2pkit.index;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;

/**
 * One thread's receive loop: take a datagram, let the {@link RequestHandler} answer it, send the
 * replies back to its source. Buffers are allocated once per thread, and the worker is itself the
 * sink of the replies it sends at once; a reply that waits for a probe is sent by
 * {@link ChannelReplies} from the thread that ends the probe. Nothing a datagram contains ends
 * the loop (RECV-1); only closing the channel does.
 */
final class UdpWorker implements Runnable, ReplySink {
    private static final Logger LOG = Logger.getLogger("org.p2pkit.index");
    /** Larger than any UDP payload, so an over-long datagram is seen whole and never cut to look like a PDU. */
    private static final int RECEIVE_BUFFER = 65_536;

    private final DatagramChannel channel;
    private final RequestHandler handler;
    private final ByteBuffer out = ByteBuffer.allocateDirect(PduCodec.PDU_SIZE);
    private final ReplyEncoder encoder = new ReplyEncoder();
    /** The source of the datagram being answered. */
    private InetSocketAddress source;

    UdpWorker(DatagramChannel channel, RequestHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    @Override
    public void run() {
        ByteBuffer in = ByteBuffer.allocate(RECEIVE_BUFFER);
        byte[] received = in.array();
        while (channel.isOpen()) {
            try {
                in.clear();
                source = (InetSocketAddress) channel.receive(in);
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
                handler.handle(received, 0, in.position(), source, this);
            } catch (RuntimeException e) {
                // A bug, not bad input (the handler answers all input); keep serving the others.
                handler.log().internalError(source, e);
            }
        }
    }

    @Override
    public void send(Message reply) {
        out.clear();
        out.put(encoder.encode(reply)); // a whole PDU: no byte of an earlier reply is left (SEC-16)
        out.flip();
        try {
            channel.send(out, source);
        } catch (ClosedChannelException e) {
            // stopping: the loop ends at its next turn
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> "reply to " + IndexLog.describe(source) + " failed");
        }
    }

    @Override
    public void afterProbe(CompletableFuture<Boolean> probe, BiConsumer<Boolean, ReplySink> next) {
        new ChannelReplies(channel, source).afterProbe(probe, next);
    }
}
