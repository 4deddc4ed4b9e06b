package org.p2pkit.bench;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;
import org.p2pkit.index.ClusterMember;
import org.p2pkit.index.ClusterRegistry;
import org.p2pkit.index.IndexOptions;
import org.p2pkit.index.IndexServer;
import org.p2pkit.index.ReplyRate;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchRequest;

/**
 * Searches per second over loopback UDP against the reference index, beside a trivial echo
 * server on the same socket setup and thread count: the most any UDP server reaches here. Several
 * client threads each keep a window of requests in flight, so the client is not what is measured.
 * The index runs alone ({@code index}), as the one member of a cluster ({@code cluster-1}), and as
 * three members of one cluster in this JVM ({@code cluster-3}), the clients spread over them
 * (spec section 5.7): every search of the one content is chosen and counted on the member that
 * owns it, with a backup on another.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
public class UdpLookupBenchmark {
    /** Datagrams each client keeps in flight. */
    static final int WINDOW = 16;
    /** Threads that serve the socket, for the index and for the echo server alike. */
    static final int SERVER_THREADS = 2;

    @State(Scope.Benchmark)
    public static class Server {
        @Param({"index", "cluster-1", "cluster-3", "echo"})
        public String server;

        /** Held, so that its level stays while the members run. */
        private static final Logger CLUSTER_LOG = Logger.getLogger("com.hazelcast");

        /** Where the clients send, each client to one of them in turn. */
        final List<InetSocketAddress> addresses = new ArrayList<>();
        private final List<IndexServer> indexes = new ArrayList<>();
        private final List<HazelcastInstance> members = new ArrayList<>();
        private ServerSocket aliceServer;
        private DatagramChannel echo;
        private final List<Thread> echoThreads = new ArrayList<>();

        @Setup(Level.Trial)
        public void start() throws IOException {
            if (!server.equals("echo")) {
                // the clients are one host, which the per-host reply rate (SEC-9) would throttle: this measures the protocol work
                IndexOptions options = IndexOptions.ephemeralLoopback().withThreads(SERVER_THREADS)
                        .withReplyRate(new ReplyRate(Integer.MAX_VALUE, Integer.MAX_VALUE));
                if (server.equals("index")) {
                    indexes.add(IndexServer.start(options));
                } else {
                    startCluster(options, Integer.parseInt(server.substring("cluster-".length())));
                }
                indexes.forEach(index -> addresses.add(index.address()));
                // alice's content server is up, so that the holder checks of SEC-7 find her alive
                aliceServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Thread accept = new Thread(() -> {
                    while (!aliceServer.isClosed()) {
                        try {
                            aliceServer.accept().close();
                        } catch (IOException e) {
                            return;
                        }
                    }
                }, "alice-content-server");
                accept.setDaemon(true);
                accept.start();
                byte[] register = PduCodec.encode(new Registration(PeerName.of("alice"), ContentName.of("song"),
                        new PeerAddress("127.0.0.1", aliceServer.getLocalPort())));
                try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    socket.setSoTimeout(1000);
                    socket.send(new DatagramPacket(register, register.length, addresses.get(0)));
                    socket.receive(new DatagramPacket(new byte[PduCodec.PDU_SIZE], PduCodec.PDU_SIZE));
                }
            } else {
                echo = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                addresses.add((InetSocketAddress) echo.getLocalAddress());
                for (int i = 0; i < SERVER_THREADS; i++) {
                    Thread thread = new Thread(this::echo, "echo-" + i);
                    thread.setDaemon(true);
                    thread.start();
                    echoThreads.add(thread);
                }
            }
        }

        /** {@code size} members on loopback that join each other, each with an index answering from their registry. */
        private void startCluster(IndexOptions options, int size) throws IOException {
            CLUSTER_LOG.setLevel(java.util.logging.Level.WARNING); // members joining is no result
            List<String> join = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    join.add("127.0.0.1:" + free.getLocalPort());
                }
            }
            for (String member : join) {
                int port = Integer.parseInt(member.substring(member.indexOf(':') + 1));
                HazelcastInstance instance = new ClusterMember(options.bind(), port, join, "bench-" + join.get(0)).start();
                members.add(instance);
                indexes.add(IndexServer.start(options, ClusterRegistry.of(instance, options.limits(), options.probing())));
            }
        }

        /** Baseline server: every datagram straight back to where it came from. */
        private void echo() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            while (echo.isOpen()) {
                try {
                    buffer.clear();
                    var from = echo.receive(buffer);
                    buffer.flip();
                    echo.send(buffer, from);
                } catch (IOException e) {
                    return;
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            indexes.forEach(IndexServer::close);
            if (!members.isEmpty()) {
                members.get(0).getCluster().shutdown(); // all members at once: none is left calling the others
            }
            if (aliceServer != null) {
                aliceServer.close();
            }
            if (echo != null) {
                echo.close();
            }
        }
    }

    @State(Scope.Thread)
    public static class Client {
        private DatagramSocket socket;
        private final byte[] request = PduCodec.encode(new SearchRequest(PeerName.of("carol"), ContentName.of("song")));
        private final DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        private DatagramPacket out;

        @Setup(Level.Iteration)
        public void open(Server server, ThreadParams thread) throws IOException {
            InetSocketAddress address = server.addresses.get(thread.getThreadIndex() % server.addresses.size());
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.connect(address);
            socket.setSoTimeout(500);
            out = new DatagramPacket(request, request.length, address);
            for (int i = 0; i < WINDOW; i++) {
                socket.send(out);
            }
        }

        @TearDown(Level.Iteration)
        public void close() {
            socket.close();
        }
    }

    /** One reply received, one request sent: the window stays full; a lost reply is replaced. */
    @Benchmark
    public int search(Client client) throws IOException {
        int length;
        try {
            client.socket.receive(client.reply);
            length = client.reply.getLength();
        } catch (SocketTimeoutException e) {
            length = 0; // lost on a full socket buffer: send a new one in its place
        }
        client.socket.send(client.out);
        return length;
    }
}
