package org.p2pkit.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An index on a loopback port with one thread, so that requests are handled in arrival order, and
 * a client of it, fresh for each test: {@code @RegisterExtension final RunningIndex running = new RunningIndex();}
 */
final class RunningIndex implements BeforeEachCallback, AfterEachCallback {
    private IndexServer index;
    private UdpClient client;

    @Override
    public void beforeEach(ExtensionContext context) {
        try {
            index = IndexServer.start(IndexOptions.ephemeralLoopback().withThreads(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new UdpClient(index.address());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        index.close();
    }

    IndexServer index() {
        return index;
    }

    UdpClient client() {
        return client;
    }
}
