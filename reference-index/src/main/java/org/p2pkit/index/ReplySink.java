package org.p2pkit.index;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.p2pkit.model.Message;

/** Where the replies to one request go: back to its source (spec FRAME-8). */
interface ReplySink {
    void send(Message reply);

    /**
     * Calls {@code next} when {@code probe} ends, with its result and a sink for the rest of the
     * replies that any thread may use: a request that waits for a probe is answered then (SEC-5, SEC-7).
     */
    void afterProbe(CompletableFuture<Boolean> probe, BiConsumer<Boolean, ReplySink> next);
}
