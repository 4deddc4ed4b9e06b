package org.p2pkit.conformance;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.p2pkit.conformance.explore.Explorer;
import org.p2pkit.conformance.targets.IndexTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The explore command: random multi-peer sessions against an index, checked against a model of spec section 5. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Explore an index with random requests from several simulated peers, each on a loopback host of its own,"
                + " and check every reply, or its absence, field by field against a model of spec section 5.",
            "On the first divergence it shrinks the requests to a minimal sequence on fresh starts of the index and writes it as an"
                + " exchange that `index --exchanges DIR` replays as a failing case.",
            "Without --target it explores the reference index, in-process. The same seed against the same index gives the same"
                + " requests and the same shrunk case."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no divergence", "1:a divergence, written to --out", "2:usage or setup error; nothing was explored"})
final class ExploreCommand implements Callable<Integer> {
    @Mixin
    IndexTargetOptions target;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "The seed of the request sequence.")
    long seed;

    @Option(names = "--time", defaultValue = "60", paramLabel = "SECONDS", description = "How long to explore at most (default: ${DEFAULT-VALUE} s).")
    int seconds;

    @Option(names = "--steps", defaultValue = "" + Long.MAX_VALUE, paramLabel = "N", description = "How many requests to send at most (default: no limit but --time).")
    long steps;

    @Option(names = "--out", paramLabel = "FILE.yaml", description = "Where to write the shrunk case (default: explore-<seed>.yaml in the working folder).")
    Path out;

    @Option(names = "--timeout", defaultValue = "1000", paramLabel = "MS", description = "How long to wait for each reply (default: ${DEFAULT-VALUE} ms).")
    int timeoutMillis;

    @Override
    public Integer call() throws Exception {
        try (IndexTarget index = target.openOrReference(timeoutMillis)) {
            InetSocketAddress at = index.address();
            if (!at.getAddress().isLoopbackAddress()) {
                throw new SetupException("explore needs an index on loopback: its simulated peers send from 127.0.0.2 on, one host each,"
                        + " and " + at.getHostString() + " is not on loopback");
            }
            return new Explorer(index, timeoutMillis, System.out).run(seed, Duration.ofSeconds(seconds), steps, out).finding().isPresent() ? 1 : 0;
        }
    }
}
