package org.p2pkit.index;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;

/**
 * Replies to one source sent from whatever thread ends a probe (spec SEC-5, SEC-7); the rare path,
 * so each reply is encoded afresh. A datagram channel may be sent to from several threads at once.
 */
final class ChannelReplies implements ReplySink {
    private final DatagramChannel channel;
    private final InetSocketAddress to;

    ChannelReplies(DatagramChannel channel, InetSocketAddress to) {
        this.channel = channel;
        this.to = to;
    }

    @Override
    public void send(Message reply) {
        try {
            channel.send(ByteBuffer.wrap(PduCodec.encode(reply)), to);
        } catch (IOException e) {
            // The index is stopping (closed channel), or the source is gone: nobody waits for it.
            IndexLog.LOG.log(Level.FINE, e, () -> "reply to " + IndexLog.describe(to) + " failed");
        }
    }

    @Override
    public void afterProbe(CompletableFuture<Boolean> probe, BiConsumer<Boolean, ReplySink> next) {
        probe.thenAccept(alive -> next.accept(alive, this));
    }
}
