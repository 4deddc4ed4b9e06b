package org.p2pkit.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.p2pkit.peer.ContentServer;
import org.p2pkit.peer.Downloader;
import org.p2pkit.peer.PeerOptions;
import picocli.CommandLine;

/** Without options, the command line runs the peer with the reference values of spec section 8 (SEC-11 to SEC-14). */
class CommandLineDefaultsTest {
    @Test
    void withoutOptionsThePeerHasTheReferenceBounds() {
        PeerOptions options = parse();
        assertEquals(ContentServer.Limits.DEFAULT, options.serverLimits());
        assertEquals(Downloader.Options.DEFAULT, options.transferOptions());
        assertEquals(Duration.ofSeconds(30), options.recheckInterval(), "PEER-RECHECK-1's reference interval");
    }

    @Test
    void theRecheckIntervalIsATimeOrZeroForOff() {
        assertEquals(Duration.ofSeconds(5), parse("--recheck-interval", "5s").recheckInterval());
        assertEquals(Duration.ofMillis(250), parse("--recheck-interval", "250").recheckInterval());
        assertEquals(Duration.ZERO, parse("--recheck-interval", "0").recheckInterval());
        assertEquals(Duration.ZERO, parse("--recheck-interval", "0s").recheckInterval());
        // a bare 30 is 30 ms, which would flood the index: refused, with the likely intent
        CommandLine.ParameterException tooShort = assertThrows(CommandLine.ParameterException.class, () -> parse("--recheck-interval", "30"));
        assertTrue(tooShort.getMessage().contains("'30' is 30 ms; the re-check interval is 0 (off) or at least 100ms, e.g. 30s"),
                tooShort.getMessage());
    }

    @Test
    void boundsTakeTimesAndSizesWithUnits() {
        PeerOptions options = parse("--request-deadline", "750ms", "--max-per-host", "2", "--max-connections", "20",
                "--transfer-timeout", "3s", "--download-deadline", "2h", "--min-rate", "1KiB", "--rate-window", "1m",
                "--max-size", "100MiB", "--disk-margin", "1GiB");
        assertEquals(new ContentServer.Limits(Duration.ofMillis(750), Duration.ofSeconds(3), 2, 20), options.serverLimits());
        assertEquals(Downloader.Options.DEFAULT.withIdleTimeout(Duration.ofSeconds(3)).withDeadline(Duration.ofHours(2))
                .withMinRate(1024, Duration.ofMinutes(1)).withMaxSize(100L << 20).withDiskMargin(1L << 30), options.transferOptions());
    }

    private static PeerOptions parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.peerOptions();
    }
}
