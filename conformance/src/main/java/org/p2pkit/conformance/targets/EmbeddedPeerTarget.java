package org.p2pkit.conformance.targets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.p2pkit.peer.Console;
import org.p2pkit.peer.Peer;
import org.p2pkit.peer.PeerOptions;
import org.p2pkit.peer.Progress;

/**
 * The reference peer, run in-process with its classic console on a pipe: the suite's default peer
 * target. Its console output goes beside the case's folder as evidence, as a process's would.
 */
public final class EmbeddedPeerTarget implements PeerTarget {
    /** How long a stopped peer may take to finish what it was doing. */
    private static final long STOP_MILLIS = 5_000;

    @Override
    public String describe() {
        return "reference peer (in-process)";
    }

    @Override
    public Running start(Path workdir, InetSocketAddress index, Settings settings) throws IOException {
        EmbeddedTargets.quietLogs();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keys, 64 * 1024);
        OutputStream log = Files.newOutputStream(workdir.resolveSibling(workdir.getFileName() + ".console.txt"));
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        PeerOptions options = PeerOptions.defaults(index).withFolder(workdir).withHost("127.0.0.1")
                .withRecheckInterval(settings.recheckInterval());
        Console console = new Console(stdin, out, out, name -> Peer.start(name, options), content -> Progress.NONE);
        int[] status = {-1};
        Thread thread = new Thread(() -> {
            try {
                status[0] = console.run(null, List.of());
            } catch (IOException | RuntimeException e) {
                out.println("the peer stopped: " + e);
                status[0] = 1;
            }
        }, "reference-peer-console");
        thread.setDaemon(true);
        thread.start();
        return new Running() {
            @Override
            public void type(String text) throws IOException {
                keys.write(text.getBytes(StandardCharsets.US_ASCII));
                keys.flush();
            }

            @Override
            public Optional<String> ended() {
                return thread.isAlive() ? Optional.empty() : Optional.of("console returned " + status[0]);
            }

            @Override
            public void close() {
                try {
                    keys.close(); // the end of input: the console leaves and closes the peer
                    thread.join(STOP_MILLIS);
                } catch (IOException e) {
                    // the pipe was closed already
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.close();
            }
        };
    }
}
