package org.p2pkit.bench.attack;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;

/** Reads every reply that comes to a set of sockets, on threads of its own, and counts them. */
final class ReplyCounter implements AutoCloseable {
    final AtomicLong replies = new AtomicLong();
    final AtomicLong acknowledgements = new AtomicLong();
    private volatile boolean stopped;

    ReplyCounter(List<UdpHost> sockets) {
        for (UdpHost socket : sockets) {
            Thread thread = new Thread(() -> {
                while (!stopped) {
                    try {
                        Message reply = socket.receive(100);
                        if (reply != null) {
                            replies.incrementAndGet();
                            if (reply instanceof Acknowledgement) {
                                acknowledgements.incrementAndGet();
                            }
                        }
                    } catch (MalformedPduException e) {
                        replies.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "reply-counter");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Waits until {@code sent} replies came or none came for {@code quietMillis}. */
    void await(long sent, long quietMillis) throws InterruptedException {
        long last = replies.get();
        long quietSince = System.nanoTime();
        while (replies.get() < sent) {
            Thread.sleep(1);
            long now = replies.get();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quietMillis * 1_000_000L) {
                return;
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
    }
}
