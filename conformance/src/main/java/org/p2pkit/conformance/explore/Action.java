package org.p2pkit.conformance.explore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.cases.PduTemplate;

/**
 * One request a simulated peer sends to the index (spec/PROTOCOL.md section 5), in the script's
 * names: what the explorer generates, replays and writes as a send step. {@code actor} is the
 * simulated peer whose socket sends it; in S and O the name is that peer's role name.
 */
sealed interface Action {
    int actor();

    /** The send step's PDU, as the exchange format writes it. */
    PduTemplate template();

    /** Simpler requests to try in its place when shrinking, simplest first. */
    default List<Action> simpler() {
        return List.of();
    }

    /** R: the address is the content server of {@code addressOf}, the sender's own unless the step tries SEC-6. */
    record Register(int actor, String peer, String content, int addressOf) implements Action {
        @Override
        public PduTemplate template() {
            return fields("Registration", "peer", peer, "content", content, "address", "$" + SimulatedPeers.role(addressOf));
        }
    }

    /** S; with {@code junkTail} the bytes after the NUL are not zeros, which the index ignores (FRAME-3). */
    record Search(int actor, String content, boolean junkTail) implements Action {
        @Override
        public PduTemplate template() {
            String asker = SimulatedPeers.role(actor);
            return junkTail ? new PduTemplate.Raw("S<" + asker + ">,<" + content + ">\0junk after the NUL", 101)
                    : fields("SearchRequest", "peer", asker, "content", content);
        }

        @Override
        public List<Action> simpler() {
            return junkTail ? List.of(new Search(actor, content, false)) : List.of();
        }
    }

    /** T of one content. */
    record Deregister(int actor, String peer, String content) implements Action {
        @Override
        public PduTemplate template() {
            return fields("ContentDeregistration", "peer", peer, "content", content);
        }
    }

    /** T with content {@code *********}: the peer leaves. */
    record Leave(int actor, String peer) implements Action {
        @Override
        public PduTemplate template() {
            return fields("PeerDeregistration", "peer", peer);
        }
    }

    /** O, classic when {@code start} is 0, else paged. */
    record ListPage(int actor, int start) implements Action {
        @Override
        public PduTemplate template() {
            String asker = SimulatedPeers.role(actor);
            return start == 0 ? fields("ListRequest", "peer", asker) : fields("ListRequest", "peer", asker, "start", Integer.toString(start));
        }

        @Override
        public List<Action> simpler() {
            return start == 0 ? List.of() : List.of(new ListPage(actor, 0), new ListPage(actor, start / 2), new ListPage(actor, start - 1));
        }
    }

    /** Bad input of one kind, naming the sender and a content. */
    record Malformed(int actor, Malformation kind, String content) implements Action {
        @Override
        public PduTemplate template() {
            return new PduTemplate.Raw(kind.text(SimulatedPeers.role(actor), content), kind.length());
        }
    }

    private static PduTemplate fields(String message, String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new PduTemplate.Fields(message, fields);
    }
}
