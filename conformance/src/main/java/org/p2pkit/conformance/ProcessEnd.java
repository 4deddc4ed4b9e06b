package org.p2pkit.conformance;

import java.util.Optional;

/** How a target process ended, and how to end one: shared by the targets the harness starts. */
final class ProcessEnd {
    private ProcessEnd() {
    }

    /** Empty while the process runs; else its exit status, or the signal that killed it. */
    static Optional<String> of(Process process) {
        if (process == null || process.isAlive()) {
            return Optional.empty();
        }
        int status = process.exitValue();
        return Optional.of(status > 128 ? "killed by signal " + (status - 128) + " (exit status " + status + ")" : "exit status " + status);
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
