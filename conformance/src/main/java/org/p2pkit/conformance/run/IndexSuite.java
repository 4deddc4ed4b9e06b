package org.p2pkit.conformance.run;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Level;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.roles.UdpRoles;
import org.p2pkit.conformance.targets.IndexTarget;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchRequest;

/**
 * Runs the index cases against one target: each case in turn, then, after a case that did not
 * pass, a check that the target still answers; a target that stopped is restarted when it can be,
 * otherwise the cases left get error verdicts.
 */
public final class IndexSuite {
    private final IndexTarget target;
    private final int replyTimeoutMillis;
    /** Names are tagged by run and case so that no two cases of this suite share a name on the target. */
    private final char run = Integer.toString(ThreadLocalRandom.current().nextInt(36), 36).charAt(0);
    private int casesRun;

    public IndexSuite(IndexTarget target, int replyTimeoutMillis) {
        this.target = target;
        this.replyTimeoutMillis = replyTimeoutMillis;
    }

    public List<Verdict> run(List<ConformanceCase> cases, Selection selection, SuiteListener listener) {
        List<ConformanceCase> chosen = cases.stream().filter(c -> c.target() == TargetKind.INDEX && selection.selects(c)).toList();
        List<Verdict> verdicts = new ArrayList<>();
        String down = null;
        String group = null;
        for (ConformanceCase c : chosen) {
            Verdict verdict;
            if (!c.group().equals(group)) {
                group = c.group();
                target.beginGroup(group);
            }
            if (c.level() == Level.SHOULD && !selection.strict()) {
                verdict = Verdict.shouldNotRun(c);
            } else {
                if (down != null) {
                    // A target that stopped is started afresh when the harness can, else asked again: it may be back.
                    down = target.restart() ? null : stillAnswers(casesRun);
                }
                verdict = down != null ? new Verdict(c, Outcome.ERROR, "not run: " + down, List.of(), null, List.of(), 0) : runCase(c);
                if (verdict.outcome() != Outcome.PASS && down == null) {
                    down = stillAnswers(casesRun);
                    if (down != null) {
                        verdict = new Verdict(c, Outcome.ERROR, down + "; " + verdict.summary(), verdict.mismatches(),
                                verdict.actualHex(), verdict.wire(), verdict.millis());
                    }
                }
            }
            verdicts.add(verdict);
            listener.finished(verdict);
        }
        return verdicts;
    }

    private Verdict runCase(ConformanceCase c) {
        return new IndexCaseRunner(target.address(), replyTimeoutMillis).run(c, new CaseNames(run, casesRun++));
    }

    /** Null when the target answers a search; else what happened to it. */
    private String stillAnswers(int number) {
        Optional<String> ended = target.ended();
        if (ended.isPresent()) {
            return "the target ended: " + ended.get();
        }
        CaseNames names = new CaseNames(run, number);
        byte[] probe = PduCodec.encode(new SearchRequest(new PeerName(names.name("probe")), new ContentName(names.name("probe"))));
        try (DatagramSocket socket = UdpRoles.clientSocket(target.address())) {
            socket.setSoTimeout(replyTimeoutMillis);
            socket.send(new DatagramPacket(probe, probe.length, target.address()));
            socket.receive(new DatagramPacket(new byte[PduCodec.PDU_SIZE * 2], PduCodec.PDU_SIZE * 2));
            return null;
        } catch (SocketTimeoutException e) {
            return target.ended().map(how -> "the target ended: " + how)
                    .orElse("the target stopped answering (no reply to a search within " + replyTimeoutMillis + " ms)");
        } catch (IOException e) {
            return "the target cannot be reached: " + e.getMessage();
        }
    }
}
