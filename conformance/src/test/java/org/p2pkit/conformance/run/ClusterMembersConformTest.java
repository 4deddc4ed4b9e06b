package org.p2pkit.conformance.run;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.p2pkit.conformance.ConformanceTests;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.index.ClusterMember;
import org.p2pkit.index.ClusterRegistry;
import org.p2pkit.index.IndexOptions;
import org.p2pkit.index.IndexServer;

/**
 * CLUSTER-1: every member of a running cluster of reference indexes passes every index case,
 * strict mode included, one member after the other, all answering from the registry they share.
 */
class ClusterMembersConformTest {
    private static final int MEMBERS = 3;
    private static final Selection STRICT = new Selection(List.of(), List.of(), true);
    private static final List<HazelcastInstance> CLUSTER = new ArrayList<>();
    private static final List<IndexServer> INDEXES = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        List<String> join = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int n = 0; n < MEMBERS; n++) {
            ports.add(freePort());
            join.add("127.0.0.1:" + ports.get(n));
        }
        IndexOptions options = IndexOptions.ephemeralLoopback();
        for (int port : ports) {
            HazelcastInstance member = new ClusterMember(options.bind(), port, join, "conformance-" + ports.get(0)).start();
            CLUSTER.add(member);
            INDEXES.add(IndexServer.start(options, ClusterRegistry.of(member, options.limits(), options.probing())));
        }
    }

    @AfterAll
    static void stopCluster() {
        INDEXES.forEach(IndexServer::close);
        CLUSTER.forEach(HazelcastInstance::shutdown);
    }

    @TestFactory
    Stream<DynamicContainer> everyMemberPassesEveryIndexCase() {
        return IntStream.range(0, MEMBERS).mapToObj(n -> DynamicContainer.dynamicContainer("member " + n,
                ConformanceTests.index(IndexTarget.at(INDEXES.get(n).address()), STRICT, 1000)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
