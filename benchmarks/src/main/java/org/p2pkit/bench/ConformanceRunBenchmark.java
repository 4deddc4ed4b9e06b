package org.p2pkit.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.p2pkit.conformance.Main;

/** The whole conformance suite against the embedded reference index and peer, as the README's first command runs it. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ConformanceRunBenchmark {
    @Benchmark
    public int embeddedSuite() {
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            int status = Main.commandLine().execute("--no-color");
            if (status != 0) {
                throw new IllegalStateException("the reference implementations did not pass: exit status " + status);
            }
            return status;
        } finally {
            System.setOut(console);
        }
    }
}
