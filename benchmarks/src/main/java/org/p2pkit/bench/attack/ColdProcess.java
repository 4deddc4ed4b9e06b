package org.p2pkit.bench.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A reference program started from its jar, as a user starts it, with its error stream kept in a file. */
final class ColdProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ColdProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar JAR ARGS} and waits until it prints a line containing {@code ready}. */
    static ColdProcess start(Path jar, List<String> args, String ready, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(args);
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
                return new ColdProcess(process, log);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IOException(jar.getFileName() + " did not start: " + Files.readString(log));
    }

    /** Bytes the program has written to its error stream (its log) so far. */
    long logBytes() throws IOException {
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
