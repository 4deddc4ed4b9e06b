package org.p2pkit.conformance.targets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A peer the harness starts from a shell command in the case's working folder. The command may
 * name the harness index with {index} (host:port), {index_host} and {index_port}, and the re-check
 * interval a case asks for (PEER-RECHECK-1) with {recheck_ms} (milliseconds) or {recheck_s}
 * (seconds, rounded up), both 0 in the cases that ask for none; the peer's output is kept beside
 * the folder as evidence.
 */
public final class CommandPeerTarget implements PeerTarget {
    private final String command;

    public CommandPeerTarget(String command) {
        this.command = command;
    }

    @Override
    public String describe() {
        return "peer started by `" + command + "`";
    }

    @Override
    public Running start(Path workdir, InetSocketAddress index, Settings settings) throws IOException {
        long recheckMillis = settings.recheckInterval().toMillis();
        String line = command.replace("{index}", index.getHostString() + ":" + index.getPort())
                .replace("{index_host}", index.getHostString())
                .replace("{index_port}", Integer.toString(index.getPort()))
                .replace("{recheck_ms}", Long.toString(recheckMillis))
                .replace("{recheck_s}", Long.toString((recheckMillis + 999) / 1000));
        Path stdout = workdir.resolveSibling(workdir.getFileName() + ".stdout.txt");
        Path stderr = workdir.resolveSibling(workdir.getFileName() + ".stderr.txt");
        Process process = new ProcessBuilder(List.of("/bin/sh", "-c", line))
                .directory(workdir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        return new Running() {
            private final OutputStream stdin = process.getOutputStream();

            @Override
            public void type(String text) throws IOException {
                stdin.write(text.getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            }

            @Override
            public Optional<String> ended() {
                return ProcessEnd.of(process, stderr, stdout);
            }

            @Override
            public void close() {
                ProcessEnd.stop(process);
            }
        };
    }
}
