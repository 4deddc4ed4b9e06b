package org.p2pkit.conformance.targets;

import java.net.InetSocketAddress;
import java.util.Optional;

/** An index under test, reachable at a UDP address. */
public interface IndexTarget extends AutoCloseable {
    /** Where the index listens. */
    InetSocketAddress address();

    /** A line saying what the target is, for reports. */
    String describe();

    /** How the target ended, when it is a process that ended (crash, exit, signal). */
    default Optional<String> ended() {
        return Optional.empty();
    }

    /** Called before the cases of each group; a target the harness starts begins afresh here. */
    default void beginGroup(String group) {
    }

    /** Starts the target afresh after it ended or hung; false when this target cannot. */
    default boolean restart() {
        return false;
    }

    @Override
    default void close() {
    }

    /** An index that is already running at an address. */
    static IndexTarget at(InetSocketAddress address) {
        return new IndexTarget() {
            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public String describe() {
                return "index at " + address.getHostString() + ":" + address.getPort();
            }
        };
    }
}
