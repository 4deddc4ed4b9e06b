package org.p2pkit.conformance.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Step;
import org.p2pkit.conformance.roles.StandInServers;
import org.p2pkit.conformance.roles.UdpRoles;
import org.p2pkit.model.Direction;
import org.p2pkit.model.EmptyListEntry;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;

/** Runs one index case: the harness plays every role as a UDP client of the target index. */
final class IndexCaseRunner {
    /** The classic peer's table holds 10 entries per list reply (IDX-LIST-4). */
    private static final int MAX_LIST_ENTRIES = 10;
    private static final int MAX_LIST_PAGES = 1000;
    private static final Set<String> NAME_FIELDS = Set.of("peer", "holder", "content");

    private final InetSocketAddress target;
    private final int replyTimeoutMillis;
    private final Map<String, Set<String>> registrants = new LinkedHashMap<>();

    IndexCaseRunner(InetSocketAddress target, int replyTimeoutMillis) {
        this.target = target;
        this.replyTimeoutMillis = replyTimeoutMillis;
    }

    Verdict run(ConformanceCase testCase, CaseNames names) {
        CaseRun run = new CaseRun(testCase);
        try (UdpRoles roles = new UdpRoles(target, run.log()); StandInServers servers = new StandInServers()) {
            try {
                if (!testCase.otherHosts().isEmpty()) {
                    if (!roles.otherHostsPossible()) {
                        throw CaseFailure.skip("the case sends from other hosts, which the harness can do only toward a target on loopback");
                    }
                    roles.placeOnOtherHosts(testCase.otherHosts());
                }
                for (String role : testCase.servers()) {
                    names.serves(role, servers.start(role, roles.host(role)));
                }
                for (Step step : testCase.steps()) {
                    run.nextStep();
                    run(step, roles, names);
                }
            } catch (CaseFailure failure) {
                run.failed(failure, null);
            } finally {
                cleanUp(roles);
            }
        } catch (IOException | RuntimeException e) {
            run.harnessFailed(e);
        }
        return run.verdict();
    }

    private void run(Step step, UdpRoles roles, CaseNames names) throws IOException, CaseFailure {
        if (step instanceof Step.Send send) {
            byte[] bytes = Expectations.bytes(send.pdu(), names);
            noteRegistrant(send.role(), bytes);
            roles.send(send.role(), bytes);
        } else if (step instanceof Step.Expect expect) {
            expect(expect, roles, names);
        } else if (step instanceof Step.ExpectList list) {
            expectList(list, roles, names);
        }
    }

    private void expect(Step.Expect expect, UdpRoles roles, CaseNames names) throws IOException, CaseFailure {
        int wait = Expectations.waitMillis(expect.alternatives(), replyTimeoutMillis);
        Expectations.check(expect.alternatives(), roles.receive(expect.role(), wait), wait, Direction.REPLY, names);
    }

    private void expectList(Step.ExpectList step, UdpRoles roles, CaseNames names) throws IOException, CaseFailure {
        // Entries of every peer the case used count, so that one it expects gone is seen if it stays.
        Set<String> ours = new HashSet<>();
        step.entries().forEach(e -> ours.add(names.peer(e.getKey())));
        ours.addAll(names.peers());
        List<Map.Entry<String, List<String>>> seen = new ArrayList<>();
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            int entries = 0;
            while (true) {
                byte[] reply = roles.receive(step.role(), replyTimeoutMillis);
                if (reply == null) {
                    throw new CaseFailure("the list reply stopped after " + entries + " entries of page " + (page + 1)
                            + ", without its end marker (IDX-LIST-3)");
                }
                Message message = Expectations.decode(reply, "ListEntry or ListEnd", Direction.REPLY);
                if (message instanceof ListEnd end) {
                    if (end.isComplete()) {
                        checkEntries(step, names, seen);
                        return;
                    }
                    roles.send(step.role(), PduCodec.encode(new ListRequest(new PeerName(names.peer(step.asker())), end.continueAt())));
                    break;
                }
                if (++entries > MAX_LIST_ENTRIES) {
                    throw new CaseFailure("more than " + MAX_LIST_ENTRIES + " entries in one list reply (IDX-LIST-4)", List.of(), reply);
                }
                if (message instanceof EmptyListEntry && step.noEmptyEntries()) {
                    throw new CaseFailure("an empty entry in the list reply (IDX-LIST-10)",
                            List.of(new Verdict.Mismatch("entry", "a peer and its contents", "////////")), reply);
                }
                if (message instanceof ListEntry entry) {
                    if (ours.contains(entry.peer().value())) {
                        if (step.exactText()) {
                            checkClassicText(entry, reply);
                        }
                        merge(seen, entry);
                    }
                } else if (!(message instanceof EmptyListEntry)) {
                    throw new CaseFailure("a " + message.getClass().getSimpleName() + " inside a list reply",
                            List.of(new Verdict.Mismatch("message", "ListEntry or ListEnd", message.getClass().getSimpleName())), reply);
                }
            }
        }
        throw new CaseFailure("the list did not end after " + MAX_LIST_PAGES + " pages");
    }

    private static void checkClassicText(ListEntry entry, byte[] reply) throws CaseFailure {
        String classic = Expectations.textOf(PduCodec.encode(entry));
        if (!classic.equals(Expectations.textOf(reply))) {
            throw new CaseFailure("a list entry is not in the classic form (IDX-LIST-2, NAME-3)",
                    List.of(new Verdict.Mismatch("text", "\"" + classic + "\"", "\"" + Expectations.textOf(reply) + "\"")), reply);
        }
    }

    /** A peer with more contents than one entry holds takes consecutive entries (IDX-LIST-2). */
    private static void merge(List<Map.Entry<String, List<String>>> seen, ListEntry entry) {
        List<String> contents = entry.contents().stream().map(c -> c.value()).toList();
        int last = seen.size() - 1;
        if (last >= 0 && seen.get(last).getKey().equals(entry.peer().value())) {
            List<String> joined = new ArrayList<>(seen.get(last).getValue());
            joined.addAll(contents);
            seen.set(last, Map.entry(entry.peer().value(), joined));
        } else {
            seen.add(Map.entry(entry.peer().value(), contents));
        }
    }

    private static void checkEntries(Step.ExpectList step, CaseNames names, List<Map.Entry<String, List<String>>> seen) throws CaseFailure {
        List<String> expected = step.entries().stream()
                .map(e -> names.peer(e.getKey()) + ": " + String.join(" ", e.getValue().stream().map(names::name).toList())).toList();
        List<String> actual = seen.stream().map(e -> e.getKey() + ": " + String.join(" ", e.getValue())).toList();
        if (!expected.equals(actual)) {
            throw new CaseFailure("the list does not hold the expected entries in order (IDX-LIST-2, IDX-LIST-6)",
                    List.of(new Verdict.Mismatch("entries", String.join(" | ", expected), String.join(" | ", actual))), null);
        }
    }

    /** The roles that sent a registration of each peer: the sockets that may own its name (SEC-1). */
    private void noteRegistrant(String role, byte[] bytes) {
        try {
            if (PduCodec.decode(bytes, Direction.REQUEST) instanceof Registration r) {
                registrants.computeIfAbsent(r.peer().value(), p -> new LinkedHashSet<>()).add(role);
            }
        } catch (MalformedPduException e) {
            // registers nothing
        }
    }

    /**
     * Removes the case's peers from the target so later cases start clean (IDX-LEAVE-1), each from
     * the sockets that registered it: only the owner of a name can remove it (SEC-4). One leave per
     * registrant, not per role, so that a burst of leaves does not fill the target's socket buffer.
     */
    private void cleanUp(UdpRoles roles) {
        registrants.forEach((peer, senders) -> {
            for (String role : senders) {
                try {
                    roles.send(role, PduCodec.encode(new PeerDeregistration(new PeerName(peer))));
                } catch (IOException | IllegalArgumentException e) {
                    // best effort: a target that kept the peer fails the cases that see it
                }
            }
        });
    }
}
