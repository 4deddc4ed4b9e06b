package org.p2pkit.conformance.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.index.IndexOptions;
import org.p2pkit.index.IndexServer;

/** The reference implementations, started in-process: the suite's default targets. */
public final class EmbeddedTargets {
    /**
     * The reference implementations log each bad input and each refusal; in-process those are the
     * suite's own doing, so they stay quiet (a process target's output is kept as evidence instead).
     */
    private static final Logger INDEX_LOG = Logger.getLogger("org.p2pkit.index");
    private static final Logger PEER_LOG = Logger.getLogger("org.p2pkit.peer");

    private EmbeddedTargets() {
    }

    /** The reference index on a free loopback port; a fresh one for each group of cases. */
    public static IndexTarget referenceIndex() {
        return new IndexTarget() {
            private IndexServer server = start();

            @Override
            public InetSocketAddress address() {
                return server.address();
            }

            @Override
            public String describe() {
                return "reference index (in-process) at " + address().getHostString() + ":" + address().getPort();
            }

            @Override
            public boolean restart() {
                server.close();
                server = start();
                return true;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** Keeps the reference implementations' logs to what matters while the suite runs them. */
    static void quietLogs() {
        INDEX_LOG.setLevel(Level.WARNING);
        PEER_LOG.setLevel(Level.SEVERE);
    }

    private static IndexServer start() {
        quietLogs();
        try {
            return IndexServer.start(IndexOptions.ephemeralLoopback());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the reference index: " + e.getMessage(), e);
        }
    }
}
