package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/** The heap of one content's holders always yields what a sorted list of them would (IDX-SEARCH-2). */
class HolderHeapTest {
    private static final Comparator<Holding> RULE = Comparator.comparingLong((Holding h) -> h.served).thenComparingLong(h -> h.sequence);

    /** Each operation: 0 adds a holder, 1 removes the holder at (operand mod size), 2 serves the next one. */
    @Property(tries = 500)
    void servesWhatTheSelectionRulePicksThroughAddsAndRemovals(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 2) Integer> ops, @ForAll @Size(300) List<@IntRange(min = 0, max = 1000) Integer> operands) {
        HolderHeap heap = new HolderHeap();
        List<Holding> model = new ArrayList<>();
        long sequence = 0;
        for (int i = 0; i < ops.size(); i++) {
            int op = ops.get(i);
            if (op == 0 || model.isEmpty()) {
                Holding holding = new Holding(new PeerRecord(PeerName.of("p" + sequence), PeerAddress.parse("127.0.0.1/1")),
                        ContentName.of("c"), sequence++);
                heap.add(holding);
                model.add(holding);
            } else if (op == 1) {
                Holding gone = model.remove(operands.get(i) % model.size());
                heap.remove(gone);
            } else {
                Holding expected = model.stream().min(RULE).orElseThrow();
                assertSame(expected, heap.serveNext(), "step " + i);
            }
            assertEquals(model.isEmpty(), heap.isEmpty());
        }
        while (!model.isEmpty()) {
            Holding expected = model.stream().min(RULE).orElseThrow();
            Holding served = heap.serveNext();
            assertSame(expected, served);
            model.remove(served);
            heap.remove(served);
        }
    }
}
