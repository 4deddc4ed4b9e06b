package org.p2pkit.conformance.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a peer command is told: the harness index, and the re-check interval the case asks for (PEER-RECHECK-1). */
class CommandPeerTargetTest {
    private static final InetSocketAddress INDEX = new InetSocketAddress("127.0.0.1", 40123);

    @TempDir
    Path tmp;

    @Test
    void theCommandGetsTheRecheckIntervalOfTheCaseInMillisecondsAndSeconds() throws Exception {
        assertEquals("127.0.0.1:40123 127.0.0.1 40123 1500 2", placeholders("a", new PeerTarget.Settings(Duration.ofMillis(1500))));
    }

    @Test
    void aCaseThatAsksForNoRecheckGivesZero() throws Exception {
        assertEquals("127.0.0.1:40123 127.0.0.1 40123 0 0", placeholders("b", PeerTarget.Settings.DEFAULT));
    }

    private String placeholders(String name, PeerTarget.Settings settings) throws IOException, InterruptedException {
        Path work = Files.createDirectories(tmp.resolve(name));
        CommandPeerTarget target = new CommandPeerTarget("echo {index} {index_host} {index_port} {recheck_ms} {recheck_s} > seen.txt");
        try (PeerTarget.Running running = target.start(work, INDEX, settings)) {
            for (int i = 0; i < 500 && running.ended().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertTrue(running.ended().isPresent(), "the command ended");
        }
        return Files.readString(work.resolve("seen.txt")).strip();
    }
}
