package org.p2pkit.index;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Cluster members started in this JVM on loopback ports, for tests; {@link #close()} stops them all. */
final class LoopbackCluster implements AutoCloseable {
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Starts {@code size} members that join each other, each on a free port. */
    LoopbackCluster(int size) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
        }
        List<String> join = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        try {
            for (int port : ports) {
                members.add(new ClusterMember(InetAddress.getLoopbackAddress(), port, join, "test-" + ports.get(0)).start());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    HazelcastInstance member(int n) {
        return members.get(n);
    }

    int size() {
        return members.size();
    }

    /** A TCP port free now; another program may take it before it is used, which a test then reports. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        members.forEach(HazelcastInstance::shutdown);
    }
}
