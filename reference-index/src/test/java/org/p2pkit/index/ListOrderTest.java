package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.quicktheories.generators.Generate;

/** {@link ListOrder} finds list entry n like walking a plain list of weighted peers would (IDX-LIST-6). */
class ListOrderTest {
    @Test
    @DisplayName("IDX-LIST-5/6: locate(n) equals a walk over the peers in insertion order, through holes and compactions")
    void locateEqualsAWalk() {
        qt().withExamples(300).forAll(Steps.sequences(Generate.range(0, 1000), 0, 300)).checkAssert(ListOrderTest::matchesAWalkAfterEveryStep);
    }

    /** Each step: {@code step % 4} 0 or 1 adds a peer, 2 removes one, 3 changes the weight of one. */
    private static void matchesAWalkAfterEveryStep(List<Integer> steps) {
        ListOrder order = new ListOrder();
        List<PeerRecord> peers = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        int next = 0;
        for (int step : steps) {
            int kind = step % 4;
            if (kind <= 1 || peers.isEmpty()) {
                PeerRecord peer = new PeerRecord(PeerName.of("p" + next++), new PeerAddress("127.0.0.1", 1), null);
                int weight = 1 + step % 5;
                order.add(peer, weight);
                peers.add(peer);
                weights.add(weight);
            } else if (kind == 2) {
                int i = step % peers.size();
                order.remove(peers.remove(i));
                weights.remove(i);
            } else {
                int i = step % peers.size();
                int weight = 1 + step % 7;
                order.setWeight(peers.get(i), weight);
                weights.set(i, weight);
            }
            int n = 0;
            for (int i = 0; i < peers.size(); i++) {
                for (int entry = 0; entry < weights.get(i); entry++, n++) {
                    ListOrder.Position position = order.locate(n);
                    assertSame(peers.get(i), position.peer(), "entry " + n);
                    assertEquals(entry, position.entry(), "entry " + n);
                }
            }
            assertEquals(n, order.total());
        }
    }
}
