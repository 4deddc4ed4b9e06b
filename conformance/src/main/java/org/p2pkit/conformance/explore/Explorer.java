package org.p2pkit.conformance.explore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeWriter;
import org.p2pkit.conformance.cases.Level;
import org.p2pkit.conformance.cases.Profile;
import org.p2pkit.conformance.cases.Requirement;
import org.p2pkit.conformance.cases.Step;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.cases.Traceability;
import org.p2pkit.conformance.targets.IndexTarget;

/**
 * Explores an index with random multi-peer sessions checked against {@link IndexModel}; on the first
 * divergence, shrinks the sequence on fresh targets and writes it as an exchange that the index
 * suite replays (spec/exchanges/README.md).
 */
public final class Explorer {
    /** How long the explorer watches for a reply that must not come, and gives the index to act, while it explores and shrinks. */
    static final int SILENCE_MILLIS = 3;
    private static final int MAX_REPLAYS = 400;
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private final IndexTarget target;
    private final int replyTimeoutMillis;
    private final PrintStream console;
    private int sessions;

    public Explorer(IndexTarget target, int replyTimeoutMillis, PrintStream console) {
        this.target = target;
        this.replyTimeoutMillis = replyTimeoutMillis;
        this.console = console;
    }

    /** What an exploration found: the divergence, shrunk, and the exchange written for it. */
    public record Finding(int stepsUntilFound, int minimalRequests, String summary, List<String> requirements, String diff,
                          String exchange, Path written) {
    }

    /** The outcome of a run: the steps sent, and a finding when the target diverged from the model. */
    public record Result(long seed, long steps, Optional<Finding> finding) {
    }

    public Result run(long seed, Duration time, long maxSteps, Path out) throws IOException {
        console.printf("p2p explore: %s, seed %d, at most %d s%s%n", target.describe(), seed, time.toSeconds(),
                maxSteps == Long.MAX_VALUE ? "" : " and " + maxSteps + " steps");
        ActionGenerator generator = new ActionGenerator(seed);
        long deadline = System.nanoTime() + time.toNanos();
        long progress = System.nanoTime() + PROGRESS_NANOS;
        long steps = 0;
        List<Action> sequence = new ArrayList<>();
        Session session = new Session(target.address(), sessions++, replyTimeoutMillis, SILENCE_MILLIS);
        try {
            while (true) {
                boolean more = steps < maxSteps && System.nanoTime() < deadline;
                Optional<Divergence> divergence;
                if (more) {
                    Action action = generator.next(session.model());
                    sequence.add(action);
                    steps++;
                    divergence = session.step(action);
                } else {
                    divergence = sequence.isEmpty() ? Optional.empty() : session.finish(sequence.get(sequence.size() - 1));
                }
                if (divergence.isPresent()) {
                    session.close();
                    Optional<Finding> finding = found(seed, steps, sequence, divergence.get(), out);
                    if (finding.isPresent()) {
                        return new Result(seed, steps, finding);
                    }
                    console.printf("explore: step %d diverged, but a replay on a fresh start did not (timing?); exploring on from a fresh start%n", steps);
                    target.restart();
                    sequence.clear();
                    session = new Session(target.address(), sessions++, replyTimeoutMillis, SILENCE_MILLIS);
                    continue;
                }
                if (!more) {
                    break;
                }
                if (System.nanoTime() > progress) {
                    progress += PROGRESS_NANOS;
                    IndexModel model = session.model();
                    console.printf("explore: %d steps; now %d peers, %d registrations of %d contents%n",
                            steps, model.peers().size(), model.registrations(), model.contents());
                }
            }
            if (!target.restart()) {
                session.leave();
            }
        } finally {
            session.close();
        }
        console.printf("explore: no divergence in %d steps (seed %d)%n", steps, seed);
        return new Result(seed, steps, Optional.empty());
    }

    /** Shrinks a divergence, checks it once more with the silences of a script, and writes it; empty when a replay does not diverge. */
    private Optional<Finding> found(long seed, long steps, List<Action> sequence, Divergence first, Path out) throws IOException {
        console.printf("explore: step %d diverged: %s%n%s", steps, first.summary(), first.diff());
        Shrinker shrinker = new Shrinker(candidate -> replay(candidate, SILENCE_MILLIS).divergence().map(Divergence::step), MAX_REPLAYS);
        Optional<Integer> again = replay(sequence, SILENCE_MILLIS).divergence().map(Divergence::step);
        if (again.isEmpty()) {
            return Optional.empty();
        }
        List<Action> minimal = shrinker.shrink(sequence.subList(0, again.get()));
        Replayed script = replay(minimal, Session.SCRIPT_SILENCE_MILLIS);
        Divergence divergence = script.divergence().orElse(first);
        console.printf("explore: seed %d; %d steps until the divergence, shrunk to %d requests in %d replays on fresh starts%n",
                seed, steps, minimal.size(), shrinker.replays() + 1);
        console.printf("explore: request %d of the shrunk sequence diverges: %s%n%s", divergence.step(), divergence.summary(), divergence.diff());
        ConformanceCase testCase = exchange(seed, minimal, script, divergence);
        String yaml = ExchangeWriter.write("explore", "Found by p2p-conformance explore", List.of(
                "Found by p2p-conformance explore --seed " + seed + " against " + target.describe() + ".",
                steps + " steps until the first divergence, shrunk to " + minimal.size() + " requests.",
                "Replay it: p2p-conformance index --exchanges <folder of this file> (with --strict for a SHOULD case)."),
                List.of(testCase));
        Path file = (out != null ? out : Path.of("explore-" + seed + ".yaml")).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        console.printf("explore: wrote the shrunk case to %s; `p2p-conformance index --exchanges %s` replays it%n",
                file, file.getParent());
        return Optional.of(new Finding((int) steps, minimal.size(), divergence.summary(), divergence.requirements(), divergence.diff(),
                yaml, file));
    }

    private record Replayed(Optional<Divergence> divergence, List<Step> steps, Set<String> requirements) {
    }

    /** Runs a sequence from a fresh start: the target restarted when it can be, else fresh names, removed afterwards. */
    private Replayed replay(List<Action> actions, int silenceMillis) throws IOException {
        boolean restarted = target.restart();
        try (Session session = new Session(target.address(), sessions++, replyTimeoutMillis, silenceMillis)) {
            Optional<Divergence> divergence = Optional.empty();
            for (int i = 0; i < actions.size() && divergence.isEmpty(); i++) {
                divergence = session.step(actions.get(i));
            }
            if (divergence.isEmpty()) {
                divergence = session.finish(actions.get(actions.size() - 1));
            }
            if (!restarted) {
                session.leave();
            }
            return new Replayed(divergence, session.steps(), session.requirements());
        }
    }

    /**
     * The shrunk sequence as a case: its peers on hosts of their own, each with its content server
     * up; it checks the requirements of the reply that diverged, then those of the requests before,
     * each of which the divergence needs.
     */
    private static ConformanceCase exchange(long seed, List<Action> minimal, Replayed script, Divergence divergence) throws IOException {
        TreeSet<Integer> actors = new TreeSet<>();
        for (Action a : minimal) {
            actors.add(a.actor());
            if (a instanceof Action.Register r) {
                actors.add(r.addressOf());
            }
        }
        List<String> roles = actors.stream().map(SimulatedPeers::role).toList();
        Map<String, Traceability.Statement> statements = Traceability.statements();
        Set<String> ids = new LinkedHashSet<>(divergence.requirements());
        ids.addAll(script.requirements());
        List<Requirement> requirements = ids.stream().map(id -> new Requirement(id, statements.get(id).text())).toList();
        boolean must = divergence.requirements().stream().anyMatch(id -> statements.get(id).level().startsWith("MUST"));
        String title = "Request " + divergence.step() + " of " + minimal.size() + " diverges from the model: " + divergence.summary();
        return new ConformanceCase("explore/seed-" + seed, title, must ? Level.MUST : Level.SHOULD, TargetKind.INDEX,
                requirements, script.steps(), Map.of(), roles, roles, Profile.CLASSIC);
    }
}
