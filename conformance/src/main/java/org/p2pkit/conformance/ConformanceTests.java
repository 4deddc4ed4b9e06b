package org.p2pkit.conformance;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.roles.ConsoleDriver;
import org.p2pkit.conformance.run.AnnouncedProfile;
import org.p2pkit.conformance.run.IndexSuite;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.PeerSuite;
import org.p2pkit.conformance.run.ProfileChoice;
import org.p2pkit.conformance.run.SuiteListener;
import org.p2pkit.conformance.run.Verdict;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.conformance.targets.PeerTarget;

/**
 * The suite as JUnit Jupiter tests, so a Java implementation can run it in its own build:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return ConformanceTests.index(new InetSocketAddress("127.0.0.1", myIndex.port()));
 * }
 * }</pre>
 *
 * One dynamic test per case: a pass passes, a fail or error fails with the requirement, the
 * expected and actual fields and the PDU in hex, a skip aborts, and a SHOULD not met passes with
 * its verdict in the test's report.
 */
public final class ConformanceTests {
    private ConformanceTests() {
    }

    /** Every MUST case of the profiles the index at an address announces. */
    public static Stream<DynamicTest> index(InetSocketAddress address) {
        return index(IndexTarget.at(address), Selection.ALL.only(ProfileChoice.announced(AnnouncedProfile.index(address, 1000)).profiles()), 1000);
    }

    public static Stream<DynamicTest> index(IndexTarget target, Selection selection, int replyTimeoutMillis) {
        IndexSuite suite = new IndexSuite(target, replyTimeoutMillis);
        return tests(TargetKind.INDEX, selection, c -> suite.run(List.of(c), selection, SuiteListener.SILENT).get(0));
    }

    /**
     * Every MUST case of the profiles a peer announces, started for each case in a folder under
     * {@code workRoot}; one start before them asks what it announces.
     */
    public static Stream<DynamicTest> peer(PeerTarget target, Path workRoot) {
        boolean extended = AnnouncedProfile.peer(target, workRoot, 10_000);
        return peer(target, ConsoleDriver.CLASSIC, "{content}.txt", workRoot, Selection.ALL.only(ProfileChoice.announced(extended).profiles()), 1000);
    }

    public static Stream<DynamicTest> peer(PeerTarget target, ConsoleDriver driver, String filePattern, Path workRoot,
                                           Selection selection, int replyTimeoutMillis) {
        PeerSuite suite = new PeerSuite(target, driver, filePattern, 0, replyTimeoutMillis, workRoot, 10_000);
        return tests(TargetKind.PEER, selection, c -> suite.run(List.of(c), selection, SuiteListener.SILENT).get(0));
    }

    private static Stream<DynamicTest> tests(TargetKind kind, Selection selection, Function<ConformanceCase, Verdict> run) {
        return ExchangeLoader.builtIn().stream()
                .filter(c -> c.target() == kind && selection.selects(c))
                .map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.title(), () -> check(run.apply(c))));
    }

    private static void check(Verdict v) {
        switch (v.outcome()) {
            case PASS, NON_STRICT -> {
                if (v.outcome() == Outcome.NON_STRICT) {
                    System.out.println(v.testCase().id() + ": a SHOULD is not met: " + v.summary());
                }
            }
            case SKIPPED -> throw new TestAbortedException(v.summary());
            case FAIL, ERROR -> throw new AssertionFailedError(message(v));
        }
    }

    private static String message(Verdict v) {
        String requirements = v.testCase().requirements().stream()
                .map(r -> r.id() + " (" + v.testCase().level() + "): \"" + r.quote() + "\"").collect(Collectors.joining("\n"));
        String mismatches = v.mismatches().stream()
                .map(m -> m.field() + ": expected " + m.expected() + ", actual " + m.actual()).collect(Collectors.joining("\n"));
        return v.outcome() + " " + v.summary() + "\n" + requirements + (mismatches.isEmpty() ? "" : "\n" + mismatches)
                + (v.actualHex() == null ? "" : "\n" + v.actualHex());
    }
}
