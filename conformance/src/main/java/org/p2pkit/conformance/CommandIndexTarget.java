package org.p2pkit.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An index the harness starts itself from a shell command, in a fresh working folder per case
 * group, with its output kept as evidence. It is ready when it answers a search on its address;
 * when it ends or hangs the suite restarts it.
 */
public final class CommandIndexTarget implements IndexTarget {
    private final String command;
    private final InetSocketAddress address;
    private final Path evidence;
    private final int startupMillis;
    private Process process;
    private int starts;

    public CommandIndexTarget(String command, InetSocketAddress address, Path evidence, int startupMillis) {
        this.command = command;
        this.address = address;
        this.evidence = evidence;
        this.startupMillis = startupMillis;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String describe() {
        return "index started by `" + command + "` at " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void beginGroup(String group) {
        restart();
    }

    @Override
    public Optional<String> ended() {
        return ProcessEnd.of(process);
    }

    @Override
    public boolean restart() {
        ProcessEnd.stop(process);
        try {
            Path dir = evidence.resolve(String.format("run-%02d", ++starts));
            Files.createDirectories(dir);
            process = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            return IndexProbe.awaitAnswer(address, startupMillis, process::isAlive);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        ProcessEnd.stop(process);
    }
}
