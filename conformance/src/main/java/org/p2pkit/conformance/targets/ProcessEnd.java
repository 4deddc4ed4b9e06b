package org.p2pkit.conformance.targets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How a target process ended, and how to end one: shared by the targets the harness starts. */
final class ProcessEnd {
    /** Enough of a target's last words to say why it ended, short enough for one report line. */
    private static final int TAIL_LINES = 3;
    private static final int TAIL_CHARS = 400;

    private ProcessEnd() {
    }

    /**
     * Empty while the process runs; else its exit status, or the signal that killed it, followed by
     * the last lines it wrote to {@code outputs} (stderr first), so that a report says why.
     */
    static Optional<String> of(Process process, Path... outputs) {
        if (process == null || process.isAlive()) {
            return Optional.empty();
        }
        int status = process.exitValue();
        String how = status > 128 ? "killed by signal " + (status - 128) + " (exit status " + status + ")" : "exit status " + status;
        String tail = lastLines(outputs);
        return Optional.of(tail.isEmpty() ? how + ", no output" : how + ", last output: " + tail);
    }

    /** The last non-blank lines of each file, joined with " | " and cut to one report line. */
    static String lastLines(Path... files) {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            try {
                List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).toList();
                lines.addAll(all.subList(Math.max(0, all.size() - TAIL_LINES), all.size()));
            } catch (IOException e) {
                // not written (yet): nothing to quote
            }
        }
        String joined = String.join(" | ", lines.stream().map(String::strip).toList());
        return joined.length() <= TAIL_CHARS ? joined : "..." + joined.substring(joined.length() - TAIL_CHARS);
    }

    /** Kills the process and its children and waits for it. */
    static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
