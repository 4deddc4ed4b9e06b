package org.p2pkit.conformance.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Level;
import org.p2pkit.conformance.cases.Requirement;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.run.HexDump;
import org.p2pkit.conformance.run.Outcome;
import org.p2pkit.conformance.run.Verdict;
import org.p2pkit.conformance.run.WireEvent;

/** Verdicts of every outcome, built by hand, for the report writers' tests. */
final class ReportFixtures {
    static final Instant STARTED = Instant.parse("2026-11-23T10:15:30.250Z");
    static final String TARGET = "index at 127.0.0.1:8886 <b>bold</b>";
    /** A peer name as a hostile target might send it: markup, an ampersand, quotes, NUL and ESC. */
    static final String HOSTILE = "name=<script>alert('x')</script> & \"quoted\" \u0000\u001b[31m";
    static final byte[] HOSTILE_BYTES = ("R<script>&\"\u0000\u001b").getBytes(StandardCharsets.ISO_8859_1);

    private ReportFixtures() {
    }

    static Verdict passing() {
        ConformanceCase c = testCase("index/registration/accepts", "A registration is acknowledged", Level.MUST,
                new Requirement("REG-1", "The index MUST acknowledge a valid registration."));
        return new Verdict(c, Outcome.PASS, "passed", List.of(), null, List.of(
                new WireEvent(0, "alice", WireEvent.Kind.SENT, new byte[] {'R', 'a'}, "Register {name=alice}"),
                new WireEvent(3, "alice", WireEvent.Kind.RECEIVED, new byte[] {'A'}, "Ack {}")), 4);
    }

    static Verdict failing() {
        ConformanceCase c = testCase("index/search/fewest-served", "A search picks the holder with the fewest downloads", Level.MUST,
                new Requirement("SEARCH-2", "The index MUST answer with the holder that served the fewest downloads & no other."));
        return new Verdict(c, Outcome.FAIL, "reply differs in 2 fields <script>", List.of(
                new Verdict.Mismatch("peer", "\"bob\"", "\"" + HOSTILE + "\""),
                new Verdict.Mismatch("port", "9001", "9002")),
                HexDump.of(HOSTILE_BYTES), List.of(
                new WireEvent(1, "carol", WireEvent.Kind.SENT, new byte[] {'S', 'x'}, "Search {content=x}"),
                new WireEvent(5, "carol", WireEvent.Kind.RECEIVED, HOSTILE_BYTES, "SearchReply {" + HOSTILE + "}")), 17);
    }

    static Verdict skipped() {
        ConformanceCase c = testCase("index/list/order", "The list comes in registration order", Level.SHOULD,
                new Requirement("LIST-3", "The index SHOULD list peers in the order they registered."));
        return new Verdict(c, Outcome.SKIPPED, "SHOULD case: run with --strict", List.of(), null, List.of(), 0);
    }

    static Verdict error() {
        ConformanceCase c = testCase("index/robustness/crash", "A malformed PDU does not stop the index", Level.MUST,
                new Requirement("ROB-1", "The index MUST go on serving after a malformed PDU."));
        return new Verdict(c, Outcome.ERROR, "the target exited with status 134 (SIGABRT)", List.of(), null, List.of(
                new WireEvent(2, "mallory", WireEvent.Kind.SENT, new byte[] {0, 1, 2}, "3 bytes (not a PDU)"),
                new WireEvent(1002, "harness", WireEvent.Kind.NOTE, new byte[0], "target exited")), 1003);
    }

    static Verdict nonStrict() {
        ConformanceCase c = testCase("index/list/pages", "A long list comes in pages", Level.SHOULD,
                new Requirement("LIST-4", "The index SHOULD send at most 10 entries in one reply."));
        return new Verdict(c, Outcome.NON_STRICT, "12 entries in one reply", List.of(
                new Verdict.Mismatch("entries per reply", "at most 10", "12")), null, List.of(), 9);
    }

    /** A run with one verdict of each outcome, in the order pass, fail, skipped, error, non-strict. */
    static RunSummary mixedRun() {
        return new RunSummary(TARGET, STARTED, 1234, List.of(passing(), failing(), skipped(), error(), nonStrict()));
    }

    /** A run where nothing failed or erred. */
    static RunSummary conformantRun() {
        return new RunSummary(TARGET, STARTED, 50, List.of(passing(), skipped(), nonStrict()));
    }

    private static ConformanceCase testCase(String id, String title, Level level, Requirement requirement) {
        return new ConformanceCase(id, title, level, TargetKind.INDEX, List.of(requirement), List.of(), Map.of());
    }
}
