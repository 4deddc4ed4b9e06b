package org.p2pkit.conformance.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.Level;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.roles.ConsoleDriver;
import org.p2pkit.conformance.targets.PeerTarget;

/** Runs the peer cases against one target, each with a fresh start in a folder of its own. */
public final class PeerSuite {
    private final PeerTarget target;
    private final ConsoleDriver driver;
    private final String filePattern;
    private final int indexPort;
    private final int replyTimeoutMillis;
    private final Path workRoot;
    private final int startupMillis;

    /**
     * @param filePattern the file of a content in the target's folder, {content} for its name
     * @param indexPort the UDP port the harness index listens on (0: any free one)
     * @param workRoot where each case's working folder and the target's output go
     * @param startupMillis how long a started target may take to send its first request
     */
    public PeerSuite(PeerTarget target, ConsoleDriver driver, String filePattern, int indexPort, int replyTimeoutMillis,
                     Path workRoot, int startupMillis) {
        this.target = target;
        this.driver = driver;
        this.filePattern = filePattern;
        this.indexPort = indexPort;
        this.replyTimeoutMillis = replyTimeoutMillis;
        this.workRoot = workRoot;
        this.startupMillis = startupMillis;
    }

    public List<Verdict> run(List<ConformanceCase> cases, Selection selection, SuiteListener listener) {
        List<ConformanceCase> chosen = cases.stream().filter(c -> c.target() == TargetKind.PEER && selection.selects(c)).toList();
        PeerCaseRunner runner = new PeerCaseRunner(target, driver, filePattern, indexPort, replyTimeoutMillis, startupMillis);
        List<Verdict> verdicts = new ArrayList<>();
        for (ConformanceCase c : chosen) {
            Verdict verdict = c.level() == Level.SHOULD && !selection.strict()
                    ? Verdict.shouldNotRun(c)
                    : runner.run(c, workRoot.resolve(c.id().replace('/', '-')));
            verdicts.add(verdict);
            listener.finished(verdict);
        }
        return verdicts;
    }
}
