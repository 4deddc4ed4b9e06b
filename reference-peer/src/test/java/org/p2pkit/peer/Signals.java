package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Sends SIGTERM or SIGINT (as Ctrl-C does) to a child process; Java itself sends only SIGTERM. */
final class Signals {
    private Signals() {
    }

    static void send(String signal, Process process) throws IOException, InterruptedException {
        if (signal.equals("TERM")) {
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
            return;
        }
        // A child inherits an ignored SIGINT (e.g. from a background job of a non-interactive shell)
        // and cannot catch it then; Linux shows the ignored signals in /proc.
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        assumeTrue(Files.isReadable(status), "needs /proc to see whether SIGINT reaches the child");
        String ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0");
        assumeTrue((Long.parseLong(ignored.substring("SigIgn:".length()).trim(), 16) & 0x2) == 0, "SIGINT is ignored here");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT " + process.pid());
    }
}
