package org.p2pkit.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.p2pkit.conformance.targets.CommandIndexTarget;
import org.p2pkit.conformance.targets.ContainerIndexTarget;
import org.p2pkit.conformance.targets.EmbeddedTargets;
import org.p2pkit.conformance.targets.IndexProbe;
import org.p2pkit.conformance.targets.IndexTarget;
import picocli.CommandLine.Option;

/** How the index under test is given: an address, and optionally the command or image that starts it. */
final class IndexTargetOptions {
    @Option(names = "--target", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "The UDP address of the index, e.g. localhost:8886 (with --command or --image: where it will listen). Required, except by explore, which explores the reference index in-process without it.")
    InetSocketAddress target;

    @Option(names = "--command", paramLabel = "CMD", description = "Start the index with this shell command, afresh for each group of cases, and restart it when it crashes or hangs.")
    String command;

    @Option(names = "--evidence", defaultValue = "target/conformance-evidence", paramLabel = "DIR", description = "With --command or --image: where each run's working folder and output go (default: ${DEFAULT-VALUE}).")
    Path evidence;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Run the index from this container image (on the host's network, listening at --target), afresh for each group of cases. Needs Docker; the image must be on the machine.")
    String image;

    @Option(names = "--startup", defaultValue = "10000", paramLabel = "MS", description = "With --command or --image: how long the index may take to answer (default: ${DEFAULT-VALUE} ms).")
    int startupMillis;

    /** The target given, or without --target the reference index in-process. */
    IndexTarget openOrReference(int replyTimeoutMillis) throws IOException, SetupException {
        if (target == null && command == null && image == null) {
            return EmbeddedTargets.referenceIndex();
        }
        return open(replyTimeoutMillis);
    }

    String where() {
        return target.getHostString() + ":" + target.getPort();
    }

    /**
     * The target, answering: a started one within --startup, a running one within a few reply
     * timeouts; a setup error when nothing answers, so that no case runs against nothing.
     */
    IndexTarget open(int replyTimeoutMillis) throws IOException, SetupException {
        if (target == null) {
            throw new SetupException("missing --target HOST:PORT, the UDP address of the index");
        }
        if (image != null) {
            if (command != null) {
                throw new SetupException("give --command or --image, not both");
            }
            String why = ContainerIndexTarget.unavailable().orElse(null);
            if (why != null) {
                throw new SetupException("cannot run the image " + image + ": " + why);
            }
            return new ContainerIndexTarget(image, target, evidence, startupMillis);
        }
        if (command == null) {
            int probeMillis = 3 * replyTimeoutMillis;
            if (!IndexProbe.awaitAnswer(target, probeMillis, () -> true)) {
                throw new SetupException("nothing answers at " + where() + " (no reply to a search within " + probeMillis
                        + " ms); start the index first, or give --command to have the suite start it");
            }
            return IndexTarget.at(target);
        }
        Files.createDirectories(evidence);
        CommandIndexTarget started = new CommandIndexTarget(command, target, evidence, startupMillis);
        if (!started.restart()) {
            String why = started.ended().map(e -> "ended before it answered on " + where() + ": " + e)
                    .orElse("did not answer on " + where() + " within " + startupMillis + " ms");
            started.close();
            throw new SetupException("the index started by `" + command + "` " + why + "; its output is under " + evidence);
        }
        return started;
    }
}
