package org.p2pkit.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.p2pkit.model.Message;

/** The replies to an in-process request, collected in order; the caller's thread waits for any probe. */
final class CollectedReplies implements ReplySink {
    private final List<Message> replies = new ArrayList<>(1);

    @Override
    public void send(Message reply) {
        replies.add(reply);
    }

    @Override
    public void afterProbe(CompletableFuture<Boolean> probe, BiConsumer<Boolean, ReplySink> next) {
        next.accept(probe.join(), this);
    }

    List<Message> replies() {
        return replies;
    }
}
