package org.p2pkit.conformance.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peer steps of PEER-RECHECK-1's case: a start with a re-check interval, and a request expected for each of several contents. */
class PeerStepsTest {
    private static final String CASE = """
            group: peer/index
            title: t
            target: peer
            cases:
              - id: peer/index/x
                title: t
                level: SHOULD
                requirements: [{id: PEER-RECHECK-1, quote: q}]
                steps:
                  - start: {name: alice, content: song%s}
                  - index_expect_each: %s
            """;

    @Test
    void aStartMayAskForARecheckIntervalAndOneFieldListsTheRequestsExpected() {
        List<Step> steps = parse(", recheck_ms: 1000",
                "{message: Registration, peer: alice, content: [song, poem], within_ms: 4000, reply: {message: Acknowledgement}}");
        assertEquals(new Step.Start("alice", "song", 1000), steps.get(0));
        Step.IndexExpectEach each = (Step.IndexExpectEach) steps.get(1);
        assertEquals(4000, each.withinMillis());
        assertEquals(List.of(Map.of("peer", FieldMatcher.equalTo("alice"), "content", FieldMatcher.equalTo("song")),
                Map.of("peer", FieldMatcher.equalTo("alice"), "content", FieldMatcher.equalTo("poem"))),
                each.each().stream().map(e -> ((Expectation.Pdu) e).fields()).toList());
        assertEquals(new PduTemplate.Fields("Acknowledgement", Map.of()), each.reply());
        assertEquals(0, ((Step.Start) parse("", "{message: Registration, content: [a], within_ms: 1, reply: {message: Acknowledgement}}").get(0))
                .recheckMillis(), "no interval asked: none");
    }

    @Test
    void badFormsAreRefusedWithTheReason() {
        assertRefused("lists the values of one field, e.g.", "{message: Registration, content: song, within_ms: 1, reply: {message: Acknowledgement}}");
        assertRefused("one field only", "{message: Registration, peer: [a, b], content: [c, d], within_ms: 1, reply: {message: Acknowledgement}}");
        assertRefused("needs within_ms and the reply", "{message: Registration, content: [song]}");
        assertThrows(ExchangeFormatException.class, () -> parse(", recheck: 1", "{message: Registration, content: [a], within_ms: 1, reply: {message: Acknowledgement}}"));
    }

    private static void assertRefused(String reason, String step) {
        ExchangeFormatException e = assertThrows(ExchangeFormatException.class, () -> parse("", step));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static List<Step> parse(String startExtra, String eachStep) {
        return ExchangeLoader.parse("t.yaml", CASE.formatted(startExtra, eachStep)).get(0).steps();
    }
}
