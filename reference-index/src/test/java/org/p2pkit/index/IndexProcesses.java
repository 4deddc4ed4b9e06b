package org.p2pkit.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;

/** p2p-index run as a child process for tests that kill it, and the registration storms they check it with. */
final class IndexProcesses {
    static final long WAIT_SECONDS = 60; // only reached if a process hangs
    private static final Pattern READY = Pattern.compile("p2p-index listening on udp 127\\.0\\.0\\.1:(\\d+)");
    /** Options that let one test client do what a storm does: no reply-rate limit, no host quota in the way. */
    private static final List<String> UNBOUNDED = List.of("--port", "0", "--bind", "127.0.0.1", "--threads", "2",
            "--max-replies-per-second-per-host", "1000000", "--reply-burst-per-host", "1000000",
            "--max-peers-per-host", "100000", "--max-registrations-per-host", "1000000");

    private IndexProcesses() {
    }

    /** Starts p2p-index on a free loopback port with {@link #UNBOUNDED} and {@code options}; its standard error is discarded. */
    static Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(UNBOUNDED);
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Kills the process with SIGKILL: no shutdown hook, no close of anything. */
    static void kill(Process index) throws InterruptedException {
        index.destroyForcibly();
        index.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static BufferedReader output(Process index) {
        return new BufferedReader(new InputStreamReader(index.getInputStream(), StandardCharsets.US_ASCII));
    }

    static InetSocketAddress ready(Process index) throws IOException {
        return ready(output(index));
    }

    /** The UDP address of the ready line, skipping the lines before it. */
    static InetSocketAddress ready(BufferedReader out) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(ready.group(1)));
            }
        }
        throw new AssertionError("the index did not get ready");
    }

    /**
     * Registers new contents of peers named {@code prefix}N until {@code stop} is set, recording in
     * {@code attempted} each registration sent and in {@code acknowledged} each the index answered
     * with an A; returns at the first missing reply, as a reply that came late could be taken for
     * the answer to the next request.
     */
    static void register(UdpClient client, String prefix, Set<String> attempted, Set<String> acknowledged,
            AtomicBoolean stop) {
        register(client, prefix, attempted, acknowledged, stop, () -> { });
    }

    /** As {@link #register(UdpClient, String, Set, Set, AtomicBoolean)}, running {@code afterAck} after each A is recorded. */
    static void register(UdpClient client, String prefix, Set<String> attempted, Set<String> acknowledged,
            AtomicBoolean stop, Runnable afterAck) {
        PeerAddress address = PeerAddress.of(client.address());
        for (int n = 0; !stop.get(); n++) {
            PeerName peer = PeerName.of(prefix + n / 3);
            ContentName content = ContentName.of("c" + n % 3);
            String registration = peer.value() + "/" + content.value();
            attempted.add(registration);
            byte[] reply;
            try {
                reply = client.exchange(new Registration(peer, content, address));
            } catch (UncheckedIOException | AssertionError e) {
                return; // the index is gone or late, or our socket was closed after it
            }
            if (PduCodec.decode(reply, Direction.REPLY) instanceof Acknowledgement) {
                acknowledged.add(registration);
                afterAck.run();
            }
        }
    }

    /** Every registration the index lists, as peer/content, read page by page over O (IDX-LIST-2). */
    static Set<String> listed(InetSocketAddress where) {
        Set<String> listed = new HashSet<>();
        try (UdpClient client = new UdpClient(where)) {
            int start = 0;
            do {
                ListEnd end = null;
                for (byte[] reply : client.list(new ListRequest(PeerName.of("reader"), start))) {
                    Message message = PduCodec.decode(reply, Direction.REPLY);
                    if (message instanceof ListEntry entry) {
                        entry.contents().forEach(content -> listed.add(entry.peer().value() + "/" + content.value()));
                    } else {
                        end = (ListEnd) message;
                    }
                }
                start = end.isComplete() ? -1 : end.continueAt();
            } while (start >= 0);
        }
        return listed;
    }

    /** The acknowledged registrations missing from {@code listed}; none is what the tests expect. */
    static Set<String> lost(Set<String> acknowledged, Set<String> listed) {
        Set<String> lost = new TreeSet<>(acknowledged);
        lost.removeAll(listed);
        return lost;
    }
}
