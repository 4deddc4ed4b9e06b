package org.p2pkit.conformance.targets;

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
    private Path runDir;
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
        return runDir == null ? ProcessEnd.of(process) : ProcessEnd.of(process, runDir.resolve("stderr.txt"), runDir.resolve("stdout.txt"));
    }

    @Override
    public boolean restart() {
        ProcessEnd.stop(process);
        try {
            runDir = evidence.resolve(String.format("run-%02d", ++starts));
            Files.createDirectories(runDir);
            process = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                    .directory(runDir.toFile())
                    .redirectOutput(runDir.resolve("stdout.txt").toFile())
                    .redirectError(runDir.resolve("stderr.txt").toFile())
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
