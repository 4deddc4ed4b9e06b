package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * The heap of one content's holders always yields what a sorted list of them would (IDX-SEARCH-2),
 * and keeps each holder's served count (IDX-SEARCH-4).
 */
class HolderHeapTest {
    enum Kind { ADD, REMOVE, SERVE }

    /** Adds a holder, removes the holder at (operand mod holders), or serves the next one. */
    record Step(Kind kind, int operand) {
        @Override
        public String toString() {
            return kind == Kind.REMOVE ? "REMOVE " + operand : kind.name();
        }
    }

    @Test
    void servesWhatTheSelectionRulePicksThroughAddsAndRemovals() {
        var steps = Steps.sequences(Generate.enumValues(Kind.class).zip(Generate.range(0, 1000), Step::new), 0, 300);
        qt().withExamples(500).forAll(steps).checkAssert(HolderHeapTest::heapFollowsTheRule);
    }

    private static void heapFollowsTheRule(List<Step> steps) {
        HolderHeap heap = new HolderHeap();
        List<Holding> model = new ArrayList<>();
        Map<Holding, Long> served = new HashMap<>();
        Comparator<Holding> rule = Comparator.comparingLong((Holding h) -> served.get(h)).thenComparingLong(h -> h.sequence);
        long sequence = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.kind() == Kind.ADD || model.isEmpty()) {
                Holding holding = new Holding(new PeerRecord(PeerName.of("p" + sequence), PeerAddress.parse("127.0.0.1/1"), null),
                        ContentName.of("c"), sequence++, Optional.empty());
                heap.add(holding);
                model.add(holding);
                served.put(holding, 0L);
            } else if (step.kind() == Kind.REMOVE) {
                Holding gone = model.remove(step.operand() % model.size());
                heap.remove(gone);
            } else {
                Holding expected = model.stream().min(rule).orElseThrow();
                assertSame(expected, heap.serveNext(), "step " + i);
                served.merge(expected, 1L, Long::sum);
            }
            assertEquals(model.isEmpty(), heap.isEmpty());
            for (Holding holding : model) {
                assertEquals(served.get(holding), heap.served(holding), "served count of " + holding.sequence + " after step " + i);
            }
        }
        while (!model.isEmpty()) {
            Holding expected = model.stream().min(rule).orElseThrow();
            Holding chosen = heap.serveNext();
            assertSame(expected, chosen);
            served.merge(chosen, 1L, Long::sum);
            model.remove(chosen);
            heap.remove(chosen);
        }
    }
}
