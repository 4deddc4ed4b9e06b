package org.p2pkit.conformance.targets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A peer under test: the harness starts it afresh for each case. */
public interface PeerTarget extends AutoCloseable {
    /** A line saying what the target is, for reports. */
    String describe();

    /** Starts the peer in {@code workdir}, using the index at {@code index}, without re-checks ({@link Settings#DEFAULT}). */
    default Running start(Path workdir, InetSocketAddress index) throws IOException {
        return start(workdir, index, Settings.DEFAULT);
    }

    /** Starts the peer in {@code workdir}, using the index at {@code index}, configured as the case asks. */
    Running start(Path workdir, InetSocketAddress index, Settings settings) throws IOException;

    /**
     * What a case asks of the peer's configuration.
     *
     * @param recheckInterval how often the peer checks that the index still knows each content it
     *     shares (PEER-RECHECK-1); zero: not at all, so that the cases that do not check it see no R
     *     they did not ask for
     */
    record Settings(Duration recheckInterval) {
        /** What every case but those of PEER-RECHECK-1 asks: no re-checks. */
        public static final Settings DEFAULT = new Settings(Duration.ZERO);

        public Settings {
            Objects.requireNonNull(recheckInterval, "recheckInterval");
        }
    }

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
