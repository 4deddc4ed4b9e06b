package org.p2pkit.conformance.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.faulty.Fault;
import org.p2pkit.conformance.faulty.RestartingIndex;
import org.p2pkit.conformance.faulty.SmallIndex;
import org.p2pkit.conformance.run.IndexSuite;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.SuiteListener;
import org.p2pkit.conformance.run.Verdict;

/**
 * Exploration proves its power: every stateful fault of the small index, one that shows only after
 * some order of requests, is found, shrunk and written as a case that fails against that fault and
 * passes against the correct index. Prints the table; a fault missed breaks the build.
 */
class ExploreFindsStatefulFaultsTest {
    /**
     * The faults that depend on state or order. Not here: FIRST_ADDRESS_WINS (a simulated peer
     * announces one address) and NO_HANDOVER (its content server never stops, so that the model
     * stays exact); the broad and one-request faults are the scripted cases' to find.
     */
    private static final List<Fault> STATEFUL = List.of(Fault.MOST_SERVED, Fault.NEWEST_ON_TIE, Fault.NEVER_COUNTS, Fault.COUNTS_PER_PEER,
            Fault.ACCEPTS_DUPLICATES, Fault.IGNORES_LEAVE, Fault.ANSWERS_LEAVE, Fault.DEREGISTER_ACKS_ONLY, Fault.DEREGISTER_REMOVES_EVERY_HOLDER,
            Fault.DROPS_CONTENTS_PAST_EIGHT, Fault.NO_PAGING, Fault.ONE_HOLDER_PER_CONTENT, Fault.LIST_NEWEST_FIRST,
            Fault.LIST_BY_OLDEST_REGISTRATION, Fault.SERVED_SURVIVES_REREGISTRATION, Fault.FOREIGN_DEREGISTRATION, Fault.FOREIGN_READDRESSING);
    private static final long SEED = 1;

    @TempDir
    Path tmp;

    private record Row(Fault fault, Explorer.Result result, Outcome replayed, Outcome correct) {
    }

    @Test
    void everyStatefulFaultIsFoundShrunkAndWrittenAsAFailingCase() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Row> rows = new ArrayList<>();
        try {
            List<Future<Row>> runs = new ArrayList<>();
            for (Fault fault : STATEFUL) {
                runs.add(pool.submit(() -> explore(fault)));
            }
            for (Future<Row> run : runs) {
                rows.add(run.get(3, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        StringBuilder table = new StringBuilder(String.format("explore --seed %d against the small index's stateful faults%n", SEED));
        table.append(String.format("  %-32s %13s %15s  %s%n", "fault", "steps to find", "shrunk requests", "written case: fault / correct index"));
        List<String> missed = new ArrayList<>();
        for (Row row : rows) {
            if (row.result().finding().isEmpty()) {
                missed.add(row.fault().name());
                table.append(String.format("  %-32s %13s%n", row.fault(), "MISSED"));
                continue;
            }
            Explorer.Finding f = row.result().finding().get();
            table.append(String.format("  %-32s %13d %15d  %s / %s%n", row.fault(), f.stepsUntilFound(), f.minimalRequests(), row.replayed(), row.correct()));
            if (row.replayed() != Outcome.FAIL || row.correct() != Outcome.PASS) {
                missed.add(row.fault() + " (its case " + row.replayed() + " against the fault, " + row.correct() + " against the correct index)");
            }
        }
        System.out.print(table);
        assertEquals(List.of(), missed, "stateful faults that exploration did not find and write as a failing case");
    }

    private Row explore(Fault fault) throws Exception {
        Path out = tmp.resolve(fault.name() + ".yaml");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Explorer.Result result;
        try (RestartingIndex index = new RestartingIndex(fault)) {
            result = new Explorer(index, 300, new PrintStream(console, true)).run(SEED, Duration.ofSeconds(30), 20_000, out);
        }
        if (result.finding().isEmpty()) {
            return new Row(fault, result, null, null);
        }
        List<ConformanceCase> cases = ExchangeLoader.parse(out.getFileName().toString(), result.finding().get().exchange());
        try (RestartingIndex faulty = new RestartingIndex(fault); SmallIndex correct = SmallIndex.start(Set.of())) {
            return new Row(fault, result, replay(faulty, cases), replay(correct, cases));
        }
    }

    static Outcome replay(org.p2pkit.conformance.targets.IndexTarget target, List<ConformanceCase> cases) {
        List<Verdict> verdicts = new IndexSuite(target, 300).run(cases, new Selection(List.of(), List.of(), true), SuiteListener.SILENT);
        assertEquals(1, verdicts.size());
        return verdicts.get(0).outcome();
    }
}
