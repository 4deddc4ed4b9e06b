package org.p2pkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program started in a fresh JVM, as a user starts it, with its error stream kept in a file. */
public final class ColdProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String readyLine;

    private ColdProcess(Process process, Path log, String readyLine) {
        this.process = process;
        this.log = log;
        this.readyLine = readyLine;
    }

    /** Starts {@code java -jar JAR ARGS} and waits until it prints a line containing {@code ready}. */
    public static ColdProcess start(Path jar, List<String> args, String ready, Path log) throws IOException {
        return start(java(List.of("-jar", jar.toString()), args), ready, log);
    }

    /** Starts {@code command} and waits until it prints a line containing {@code ready}. */
    public static ColdProcess start(List<String> command, String ready, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String line; (line = out.readLine()) != null; ) {
            if (line.contains(ready)) {
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException ended) {
                        // the process is gone
                    }
                }, "drain");
                drain.setDaemon(true);
                drain.start();
                return new ColdProcess(process, log, line);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not start: " + Files.readString(log));
    }

    /** The command line {@code java LAUNCH ARGS} with the running JVM's java. */
    public static List<String> java(List<String> launch, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(launch);
        command.addAll(args);
        return command;
    }

    /** The line the program printed when it was ready. */
    public String readyLine() {
        return readyLine;
    }

    /** Bytes the program has written to its error stream (its log) so far. */
    public long logBytes() throws IOException {
        return Files.size(log);
    }

    /** Stops the program as Ctrl-C would (SIGTERM), and kills it if it does not end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
