package org.p2pkit.conformance.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.Main;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.report.ConsoleReport;
import org.p2pkit.conformance.run.IndexSuite;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.SuiteListener;
import org.p2pkit.conformance.run.Verdict;
import picocli.CommandLine;

/**
 * Index targets given as a container image. Without Docker (as on the project's machines) the
 * command line says so clearly and the container run is skipped; with Docker, an index image named
 * by {@code -Dp2p.test.index-image=IMAGE} (listening on UDP 8886) is checked like any index.
 */
class ContainerIndexTargetTest {
    @TempDir
    Path evidence;

    @Test
    void withoutDockerTheCommandLineSaysWhyAndExitsWithTheUsageStatus() {
        assumeTrue(ContainerIndexTarget.unavailable().isPresent(), "Docker is available here");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute("index", "--image", "p2p-index:test", "--target", "127.0.0.1:8886", "--evidence", evidence.toString());
        assertEquals(2, status);
        assertTrue(err.toString().contains("cannot run the image p2p-index:test"), err.toString());
    }

    @Test
    void anIndexImagePassesTheIndexCases() {
        String image = System.getProperty("p2p.test.index-image");
        assumeTrue(image != null && ContainerIndexTarget.unavailable().isEmpty(), "needs Docker and -Dp2p.test.index-image");
        try (IndexTarget target = new ContainerIndexTarget(image, new InetSocketAddress("127.0.0.1", 8886), evidence, 30_000)) {
            List<Verdict> verdicts = new IndexSuite(target, 1000).run(ExchangeLoader.builtIn(), Selection.ALL, SuiteListener.SILENT);
            assertTrue(ConsoleReport.passed(verdicts), verdicts.stream().filter(v -> v.outcome() != Outcome.PASS).map(Verdict::summary).toList().toString());
        }
    }
}
