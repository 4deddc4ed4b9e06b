package org.p2pkit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.index.IndexOptions;
import org.p2pkit.index.IndexServer;

/** The reference implementations, started in-process: the suite's default targets. */
final class EmbeddedTargets {
    /** The reference index logs each bad input; here that is the suite's own doing, so it stays quiet. */
    private static final Logger INDEX_LOG = Logger.getLogger("org.p2pkit.index");

    private EmbeddedTargets() {
    }

    /** The reference index on a free loopback port; a fresh one for each group of cases. */
    static IndexTarget referenceIndex() {
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

    private static IndexServer start() {
        INDEX_LOG.setLevel(Level.WARNING);
        try {
            return IndexServer.start(IndexOptions.ephemeralLoopback());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the reference index: " + e.getMessage(), e);
        }
    }
}
