package org.p2pkit.conformance.targets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/** A peer under test: the harness starts it afresh for each case. */
public interface PeerTarget extends AutoCloseable {
    /** A line saying what the target is, for reports. */
    String describe();

    /** Starts the peer in {@code workdir}, using the index at {@code index}. */
    Running start(Path workdir, InetSocketAddress index) throws IOException;

    @Override
    default void close() {
    }

    /** One started peer. */
    interface Running extends AutoCloseable {
        /** Types into the peer's console (standard input). */
        void type(String text) throws IOException;

        /** How the peer ended, once it has (exit status or signal). */
        Optional<String> ended();

        /** Stops the peer, however it is doing. */
        @Override
        void close();
    }
}
