package org.p2pkit.conformance.explore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shrinks a failing request sequence by delta debugging (Zeller's ddmin): drops chunks, then single
 * requests, keeping the order, for as long as a replay on a fresh target still diverges; then puts
 * simpler requests in place of those that have some (a list from its start), and drops again. A
 * replay that diverges early also cuts the sequence after the step that diverged.
 */
final class Shrinker {
    /** Replays a candidate from a fresh start; the step (1-based) at which it diverged, if it did. */
    interface Replay {
        Optional<Integer> divergesAt(List<Action> candidate) throws IOException;
    }

    private final Replay replay;
    private final int maxReplays;
    private int replays;

    Shrinker(Replay replay, int maxReplays) {
        this.replay = replay;
        this.maxReplays = maxReplays;
    }

    int replays() {
        return replays;
    }

    List<Action> shrink(List<Action> failing) throws IOException {
        List<Action> current = drop(failing);
        for (int i = 0; i < current.size() && replays < maxReplays; i++) {
            for (Action simpler : current.get(i).simpler()) {
                List<Action> candidate = new ArrayList<>(current);
                candidate.set(i, simpler);
                Optional<List<Action>> kept = fails(candidate);
                if (kept.isPresent()) {
                    current = drop(kept.get());
                    i = -1;
                    break;
                }
            }
        }
        return current;
    }

    private List<Action> drop(List<Action> failing) throws IOException {
        List<Action> current = List.copyOf(failing);
        int parts = 2;
        while (current.size() >= 2 && replays < maxReplays) {
            int chunk = (current.size() + parts - 1) / parts;
            boolean reduced = false;
            for (int start = 0; start < current.size() && replays < maxReplays; start += chunk) {
                List<Action> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                Optional<List<Action>> kept = fails(candidate);
                if (kept.isPresent()) {
                    current = kept.get();
                    parts = Math.max(parts - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (parts >= current.size()) {
                    break;
                }
                parts = Math.min(current.size(), parts * 2);
            }
        }
        return current;
    }

    /** The candidate cut after the step that diverged, when it still fails. */
    private Optional<List<Action>> fails(List<Action> candidate) throws IOException {
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        replays++;
        return replay.divergesAt(candidate).map(step -> List.copyOf(candidate.subList(0, Math.min(step, candidate.size()))));
    }
}
