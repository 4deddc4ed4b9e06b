package org.p2pkit.conformance.explore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.p2pkit.conformance.cases.Expectation;
import org.p2pkit.conformance.cases.Step;
import org.p2pkit.conformance.run.CaseFailure;
import org.p2pkit.conformance.run.CaseNames;
import org.p2pkit.conformance.run.Expectations;
import org.p2pkit.model.Direction;

/**
 * One run of requests against a target, from the simulated peers, with the model beside it: each
 * reply, or its absence, is checked against the model as it comes, by the suite's own verifier.
 * The session also keeps what it did as the steps of an exchange, ready to be written.
 */
final class Session implements AutoCloseable {
    /** How long a written script waits to see that the index stays silent, as the scripted cases do. */
    static final int SCRIPT_SILENCE_MILLIS = 200;

    private final IndexModel model = new IndexModel();
    private final CaseNames names;
    private final SimulatedPeers peers;
    private final int replyTimeoutMillis;
    private final int silenceMillis;
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> requirements = new LinkedHashSet<>();
    private int actions;
    /** Per peer, the requirements of its last request that must get no reply: what a late reply breaks. */
    private final List<List<String>> silent = new ArrayList<>();

    /**
     * @param number makes the names of this session unique on the target (a 3-character tag)
     * @param silenceMillis how long a request that must get no reply is watched for one; also the
     *     time the index has to act on it before the next request
     */
    Session(InetSocketAddress target, int number, int replyTimeoutMillis, int silenceMillis) throws IOException {
        this.names = new CaseNames('x', number);
        this.peers = new SimulatedPeers(target, names);
        this.replyTimeoutMillis = replyTimeoutMillis;
        this.silenceMillis = silenceMillis;
        for (int i = 0; i < SimulatedPeers.COUNT; i++) {
            silent.add(List.of());
        }
    }

    IndexModel model() {
        return model;
    }

    /** The steps so far in the exchange format: each send, then what the model expects. */
    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The requirements that decided the replies so far. */
    Set<String> requirements() {
        return Set.copyOf(requirements);
    }

    /** Sends one request and checks what comes back; the divergence, if the target differs from the model. */
    Optional<Divergence> step(Action action) throws IOException {
        actions++;
        String role = SimulatedPeers.role(action.actor());
        steps.add(new Step.Send(role, action.template()));
        Expected expected = model.apply(action);
        requirements.addAll(expected.requirements());
        peers.send(action.actor(), Expectations.bytes(action.template(), names));
        try {
            if (expected.replies().isEmpty()) {
                steps.add(new Step.Expect(role, List.of(new Expectation.Nothing(SCRIPT_SILENCE_MILLIS))));
                silent.set(action.actor(), expected.requirements());
                Expectations.check(List.of(new Expectation.Nothing(silenceMillis)), peers.receive(action.actor(), silenceMillis),
                        silenceMillis, Direction.REPLY, names);
            }
            for (Expectation.Pdu reply : expected.replies()) {
                steps.add(new Step.Expect(role, List.of(reply)));
                Expectations.check(List.of(reply), peers.receive(action.actor(), replyTimeoutMillis), replyTimeoutMillis, Direction.REPLY, names);
            }
        } catch (CaseFailure f) {
            return Optional.of(new Divergence(actions, action, f.getMessage(), f.mismatches(), expected.requirements()));
        }
        return Optional.empty();
    }

    /** After the last step: a datagram still waiting for a peer is a reply the index should not have sent. */
    Optional<Divergence> finish(Action last) throws IOException {
        for (int actor = 0; actor < SimulatedPeers.COUNT; actor++) {
            byte[] stray = peers.receive(actor, actor == 0 ? silenceMillis : 1);
            if (stray != null) {
                try {
                    Expectations.check(List.of(new Expectation.Nothing(silenceMillis)), stray, silenceMillis, Direction.REPLY, names);
                } catch (CaseFailure f) {
                    return Optional.of(new Divergence(actions, last, f.getMessage() + " for " + SimulatedPeers.role(actor)
                            + ", after the last request", f.mismatches(), silent.get(actor)));
                }
            }
        }
        return Optional.empty();
    }

    /** Takes the session's peers out of a target that others use (IDX-LEAVE-1), each from its owner's socket (SEC-4). */
    void leave() throws IOException {
        for (String peer : model.peers()) {
            Action leave = new Action.Leave(model.ownerOf(peer), peer);
            peers.send(leave.actor(), Expectations.bytes(leave.template(), names));
        }
    }

    @Override
    public void close() {
        peers.close();
    }
}
