package org.p2pkit.conformance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeLoader;
import org.p2pkit.conformance.cases.Selection;
import org.p2pkit.conformance.cases.TargetKind;
import org.p2pkit.conformance.faulty.SmallIndex;
import org.p2pkit.conformance.report.ConsoleReport;

class IndexSuiteAgainstSmallIndexTest {
    @Test
    void aCorrectIndexPassesEveryCaseInStrictMode() throws Exception {
        try (SmallIndex index = SmallIndex.start(Set.of())) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            ConsoleReport report = new ConsoleReport(new PrintStream(text, true, StandardCharsets.UTF_8), false, true);
            List<ConformanceCase> cases = ExchangeLoader.builtIn();
            report.header(index.describe(), (int) cases.stream().filter(c -> c.target() == TargetKind.INDEX).count());
            List<Verdict> verdicts = new IndexSuite(index, 1000).run(cases, new Selection(List.of(), List.of(), true), report);
            report.summary(verdicts, 0);
            // the console report goes to the build log only when it explains a failure
            assertEquals(List.of(), verdicts.stream().filter(v -> v.outcome() != Outcome.PASS).map(v -> v.testCase().id() + ": " + v.summary()).toList(),
                    text.toString(StandardCharsets.UTF_8));
        }
    }
}
