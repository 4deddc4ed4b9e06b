package org.p2pkit.conformance.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.p2pkit.conformance.roles.ConsoleDriver;
import org.p2pkit.conformance.roles.HarnessIndex;
import org.p2pkit.conformance.targets.PeerTarget;

/**
 * Before the peer cases run, one start of the target with a name and a text content: a peer that
 * ends or stays silent instead of sending its first request to the index cannot be checked at
 * all, which the run says at once instead of as an error per case. The first request also tells
 * whether the peer announces the extended profile ({@link AnnouncedProfile#peer}).
 */
public final class PeerStartCheck {
    private static final String NAME = "startchk";
    private static final String CONTENT = "startchk";

    private PeerStartCheck() {
    }

    /** What one start showed: the first request the target sent to the index, or else what went wrong. */
    public record Result(byte[] firstRequest, Optional<String> problem) {
        static Result failed(String problem) {
            return new Result(null, Optional.of(problem));
        }
    }

    public static Result run(PeerTarget target, ConsoleDriver driver, String filePattern, int indexPort, Path workRoot,
                                    int startupMillis) throws IOException {
        Path workdir = workRoot.resolve("start-check");
        Files.createDirectories(workdir);
        Files.writeString(workdir.resolve(filePattern.replace("{content}", CONTENT)), "a file to register\n", StandardCharsets.US_ASCII);
        try (HarnessIndex index = new HarnessIndex(indexPort, new WireLog());
             PeerTarget.Running running = target.start(workdir, index.address())) {
            try {
                running.type(driver.input("start", NAME, CONTENT));
            } catch (IOException e) {
                // the target ended before it read its console; ended() below says how
            }
            long deadline = System.nanoTime() + startupMillis * 1_000_000L;
            while (System.nanoTime() < deadline) {
                byte[] request = index.receive(100);
                if (request != null) {
                    return new Result(request, Optional.empty());
                }
                Optional<String> ended = running.ended();
                if (ended.isPresent()) {
                    return Result.failed("the " + target.describe() + " ended before it sent anything to the index: " + ended.get());
                }
            }
            return Result.failed("the " + target.describe() + " sent nothing to the index within " + startupMillis
                    + " ms of being given a name and a content; check --command, --driver and --index-port"
                    + " (its output is under " + workRoot + ")");
        }
    }
}
