package org.p2pkit.conformance.faulty;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Optional;
import java.util.Set;
import org.p2pkit.conformance.targets.IndexTarget;

/** A faulty small index that the harness can start afresh, as it starts a command target. */
public final class RestartingIndex implements IndexTarget {
    private final Fault fault;
    private SmallIndex index;
    private int starts;

    public RestartingIndex(Fault fault) {
        this.fault = fault;
        restart();
    }

    @Override
    public InetSocketAddress address() {
        return index.address();
    }

    @Override
    public String describe() {
        return index.describe();
    }

    @Override
    public Optional<String> ended() {
        return index.ended();
    }

    @Override
    public boolean restart() {
        if (index != null) {
            index.close();
        }
        try {
            index = SmallIndex.start(Set.of(fault));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        return true;
    }

    /** How many times the index was started. */
    public int starts() {
        return starts;
    }

    @Override
    public void close() {
        index.close();
    }
}
