package org.p2pkit.conformance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.faulty.Fault;
import org.p2pkit.conformance.faulty.SmallIndex;

/**
 * The suite proves it can fail: every index case must be failed by at least one deliberately
 * faulty index. Prints the kill matrix; a case that no fault fails breaks the build.
 */
class KillMatrixTest {
    @Test
    void everyIndexCaseIsFailedByAtLeastOneFaultyIndex() throws Exception {
        List<ConformanceCase> cases = ExchangeLoader.builtIn().stream().filter(c -> c.target() == TargetKind.INDEX).toList();
        Selection strict = new Selection(List.of(), List.of(), true);
        Map<String, Set<String>> killers = new LinkedHashMap<>();
        cases.forEach(c -> killers.put(c.id(), new TreeSet<>()));
        // Each faulty index has its own sockets, so they all run at once.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Verdict>>> runs = new ArrayList<>();
            List<Fault> faults = List.copyOf(EnumSet.allOf(Fault.class));
            for (Fault fault : faults) {
                runs.add(pool.submit(() -> {
                    try (SmallIndex index = SmallIndex.start(Set.of(fault))) {
                        return new IndexSuite(index, 300).run(cases, strict, SuiteListener.SILENT);
                    }
                }));
            }
            for (int i = 0; i < faults.size(); i++) {
                for (Verdict v : runs.get(i).get(5, TimeUnit.MINUTES)) {
                    if (v.outcome() != Outcome.PASS) {
                        killers.get(v.testCase().id()).add(faults.get(i).name());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        StringBuilder matrix = new StringBuilder("kill matrix (case: the narrow faults that fail it; every case also fails with the broad faults "
                + String.join(" ", EnumSet.allOf(Fault.class).stream().filter(Fault::broad).map(Fault::name).toList()) + ")\n");
        List<String> survivors = new ArrayList<>();
        killers.forEach((id, faults) -> {
            List<String> narrow = faults.stream().filter(f -> !Fault.valueOf(f).broad()).toList();
            matrix.append(String.format("  %-46s %s%n", id, narrow.isEmpty() ? "NONE" : String.join(" ", narrow)));
            if (narrow.isEmpty()) {
                survivors.add(id);
            }
        });
        System.out.print(matrix);
        assertEquals(List.of(), survivors, "cases that no narrow fault fails test nothing");
    }
}
