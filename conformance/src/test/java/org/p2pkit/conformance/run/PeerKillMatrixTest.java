package org.p2pkit.conformance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Profile;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.faultypeer.PeerFault;
import org.p2pkit.conformance.faultypeer.SmallPeer;
import org.p2pkit.conformance.roles.ConsoleDriver;

/**
 * The peer cases prove they can fail: a correct small peer passes them all, and every case is
 * failed by at least one deliberately faulty peer. Prints the kill matrix; a case that no fault
 * fails breaks the build.
 */
class PeerKillMatrixTest {
    private static final Selection STRICT = new Selection(List.of(), List.of(), true);
    private static final int REPLY_MILLIS = 500;
    private static final int STARTUP_MILLIS = 2000;

    @TempDir
    Path work;

    private static PeerSuite suite(Set<PeerFault> faults, int replyMillis, Path root) {
        return new PeerSuite(new SmallPeer(faults), ConsoleDriver.CLASSIC, "{content}.txt", 0, replyMillis, root, STARTUP_MILLIS);
    }

    @Test
    void aCorrectPeerPassesAndEveryPeerCaseIsFailedByAFaultyOne() throws Exception {
        List<ConformanceCase> cases = ExchangeLoader.builtIn().stream().filter(c -> c.target() == TargetKind.PEER).toList();
        // The correct peer runs alone, with the suite's usual reply timeout: it must pass everything.
        List<String> correctNotPassing = suite(Set.of(), 1000, work.resolve("correct")).run(cases, STRICT, SuiteListener.SILENT).stream()
                .filter(v -> v.outcome() != Outcome.PASS).map(v -> v.testCase().id() + ": " + v.summary()).toList();
        assertEquals(List.of(), correctNotPassing, "the small peer without faults is correct");

        // Every faulty peer runs on sockets and folders of its own, so they run side by side.
        List<PeerFault> faults = List.copyOf(EnumSet.allOf(PeerFault.class));
        ExecutorService pool = Executors.newFixedThreadPool(12); // the runs mostly wait on sockets
        try {
            List<Future<List<Verdict>>> runs = new ArrayList<>();
            for (PeerFault fault : faults) {
                // a fault of the extended profile shows only in its cases, so only those run
                Selection selection = fault.extended() ? STRICT.only(Set.of(Profile.EXTENDED)) : STRICT;
                runs.add(pool.submit(() -> suite(Set.of(fault), REPLY_MILLIS, work.resolve(fault.name())).run(cases, selection, SuiteListener.SILENT)));
            }
            Map<String, Set<String>> killers = new LinkedHashMap<>();
            cases.forEach(c -> killers.put(c.id(), new TreeSet<>()));
            for (int i = 0; i < faults.size(); i++) {
                for (Verdict v : runs.get(i).get(10, TimeUnit.MINUTES)) {
                    boolean failed = v.outcome() == Outcome.FAIL || v.outcome() == Outcome.NON_STRICT || v.outcome() == Outcome.ERROR;
                    if (failed && !faults.get(i).broad()) {
                        killers.get(v.testCase().id()).add(faults.get(i).name());
                    }
                }
            }
            StringBuilder matrix = new StringBuilder("peer kill matrix (case: the narrow faults that fail it; every case also fails with the broad faults "
                    + String.join(" ", faults.stream().filter(PeerFault::broad).map(PeerFault::name).toList()) + ")\n");
            killers.forEach((id, by) -> matrix.append(String.format("  %-40s %s%n", id, by.isEmpty() ? "NONE" : String.join(" ", by))));
            System.out.print(matrix);
            assertEquals(List.of(), killers.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList(),
                    "peer cases that no narrow fault fails test nothing");
            // only the case that starts the peer with a re-check interval sees whether it re-checks (PEER-RECHECK-1)
            assertEquals(List.of("peer/index/registers-again"), killers.entrySet().stream()
                    .filter(e -> e.getValue().contains(PeerFault.NEVER_RECHECKS.name())).map(Map.Entry::getKey).toList());
        } finally {
            pool.shutdownNow();
        }
    }
}
