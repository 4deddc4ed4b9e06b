package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The holder table yields, for every content, what a sorted list of its holders would
 * (IDX-SEARCH-2), and keeps each holder's served count (IDX-SEARCH-4), through additions,
 * removals and searches of many contents: enough of them to grow the table, empty contents that
 * leave holes in its probe runs, and blocks that grow and shrink.
 */
class HolderTableTest {
    enum Kind { ADD, REMOVE, SERVE }

    /** Adds a holder of content (operand mod 40), removes holding (operand mod holdings), or searches content (operand mod 40). */
    record Step(Kind kind, int operand) {
    }

    private static final int CONTENTS = 40;

    @Test
    void servesWhatTheSelectionRulePicksForEveryContent() {
        var steps = Steps.sequences(Generate.enumValues(Kind.class).zip(Generate.range(0, 1000), Step::new), 0, 400);
        qt().withExamples(300).forAll(SourceDSL.longs().all(), steps).checkAssert(HolderTableTest::tableFollowsTheRule);
    }

    @Test
    void contentNamesOfEveryLengthGetDistinctKeys() {
        List<String> names = List.of("a", "b", "~", "!", "aa", "a!", "!a", "~~~~~~~~~", "!!!!!!!!!", "!!!!!!!!", "zzzzzzzzz");
        Map<Long, String> seen = new HashMap<>();
        for (String name : names) {
            long key = ContentKeys.of(ContentName.of(name));
            assertNull(seen.put(key, name), name + " has the key of " + seen.get(key));
            assertEquals(true, key > 0, name);
        }
    }

    private static void tableFollowsTheRule(long seed, List<Step> steps) {
        HolderTable table = new HolderTable(seed);
        List<Holding> model = new ArrayList<>();
        Map<Holding, Long> served = new HashMap<>();
        Comparator<Holding> rule = Comparator.comparingLong((Holding h) -> served.get(h)).thenComparingLong(h -> h.sequence);
        long sequence = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            ContentName content = ContentName.of("c" + step.operand() % CONTENTS);
            if (step.kind() == Kind.ADD) {
                Holding holding = new Holding(new PeerRecord(PeerName.of("p" + sequence), PeerAddress.parse("127.0.0.1/1"), null),
                        content, sequence++, Optional.empty());
                table.add(holding, 0);
                model.add(holding);
                served.put(holding, 0L);
            } else if (step.kind() == Kind.REMOVE && !model.isEmpty()) {
                table.remove(model.remove(step.operand() % model.size()));
            } else if (step.kind() == Kind.SERVE) {
                Holding expected = model.stream().filter(h -> h.content.equals(content)).min(rule).orElse(null);
                assertSame(expected == null ? null : expected.named().hit(), table.serveFirst(content), "step " + i);
                if (expected != null) {
                    served.merge(expected, 1L, Long::sum);
                }
            }
            for (Holding holding : model) {
                assertEquals(served.get(holding), table.served(holding), "served count of " + holding.sequence + " after step " + i);
            }
        }
        while (!model.isEmpty()) {
            ContentName content = model.get(0).content;
            Holding expected = model.stream().filter(h -> h.content.equals(content)).min(rule).orElseThrow();
            assertSame(expected.named().hit(), table.serveFirst(content));
            served.merge(expected, 1L, Long::sum);
            model.remove(expected);
            table.remove(expected);
        }
        for (int c = 0; c < CONTENTS; c++) {
            assertNull(table.serveFirst(ContentName.of("c" + c)), "c" + c + " after every holder left");
        }
    }
}
