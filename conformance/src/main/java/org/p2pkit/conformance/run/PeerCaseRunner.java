package org.p2pkit.conformance.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.cases.ConformanceCase;
import org.p2pkit.conformance.cases.ExchangeFormatException;
import org.p2pkit.conformance.cases.Expectation;
import org.p2pkit.conformance.cases.FileSpec;
import org.p2pkit.conformance.cases.Step;
import org.p2pkit.conformance.cases.WireNames;
import org.p2pkit.conformance.roles.ConsoleDriver;
import org.p2pkit.conformance.roles.ContentFetch;
import org.p2pkit.conformance.roles.Dripper;
import org.p2pkit.conformance.roles.HarnessIndex;
import org.p2pkit.conformance.roles.HolderServer;
import org.p2pkit.conformance.targets.PeerTarget;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.Direction;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Message;
import org.p2pkit.model.Registration;
import org.p2pkit.model.TransferHeader;

/**
 * Runs one peer case: starts the target in a fresh folder, plays the index, the downloaders and
 * the holders, and types the script's actions into the target's console.
 */
final class PeerCaseRunner {
    private final PeerTarget target;
    private final ConsoleDriver driver;
    private final String filePattern;
    private final int indexPort;
    private final int replyTimeoutMillis;
    private final int startupMillis;

    PeerCaseRunner(PeerTarget target, ConsoleDriver driver, String filePattern, int indexPort, int replyTimeoutMillis, int startupMillis) {
        this.target = target;
        this.driver = driver;
        this.filePattern = filePattern;
        this.indexPort = indexPort;
        this.replyTimeoutMillis = replyTimeoutMillis;
        this.startupMillis = startupMillis;
    }

    /**
     * The names of one peer case travel as written; {@code $role} stands for a holder's address,
     * and {@code @file} in a {@code size} or {@code sha256} field for that part of the file's stamp.
     */
    private static final class Values implements WireNames {
        final Map<String, String> addresses = new HashMap<>();
        final Map<String, FileSpec> files;

        Values(Map<String, FileSpec> files) {
            this.files = files;
        }

        @Override
        public String field(String field, String scripted) {
            if (scripted.startsWith("@") && (field.equals("size") || field.equals("sha256"))) {
                FileSpec file = files.get(scripted.substring(1));
                if (file == null) {
                    throw new ExchangeFormatException(scripted, "names no file of the case");
                }
                return field.equals("size") ? Long.toString(file.stamp().size()) : file.stamp().sha256();
            }
            return scripted.startsWith("$") ? addresses.getOrDefault(scripted.substring(1), scripted) : scripted;
        }

        @Override
        public String text(String scripted) {
            return scripted;
        }
    }

    Verdict run(ConformanceCase testCase, Path workdir) {
        CaseRun run = new CaseRun(testCase);
        try (Session session = new Session(testCase, workdir, new HarnessIndex(indexPort, run.log()), run.log())) {
            prepare(testCase, workdir);
            try {
                for (Step step : testCase.steps()) {
                    run.nextStep();
                    session.run(step);
                }
            } catch (CaseFailure failure) {
                run.failed(failure, session.running == null ? null : session.running.ended().orElse(null));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            run.harnessFailed(e);
        }
        return run.verdict();
    }

    private void prepare(ConformanceCase testCase, Path workdir) throws IOException {
        Files.createDirectories(workdir);
        for (FileSpec file : testCase.files().values()) {
            if (file.inWorkdir()) {
                Files.write(fileOf(workdir, file.content()), file.bytes());
            }
        }
    }

    private Path fileOf(Path workdir, String content) {
        return workdir.resolve(filePattern.replace("{content}", content));
    }

    /** The parties of one case: the target, the harness index, the holders and the open connections. */
    private final class Session implements AutoCloseable {
        final ConformanceCase testCase;
        final Path workdir;
        final HarnessIndex index;
        final WireLog log;
        final Values values;
        final Map<String, HolderServer> holders = new HashMap<>();
        final List<Socket> idle = new ArrayList<>();
        final Map<String, Dripper> drippers = new HashMap<>();
        PeerTarget.Running running;
        InetSocketAddress served;
        /** The first request after a start may take as long as the target takes to start. */
        boolean starting;
        /** Whether the last expect step received a request, which an if_asked reply answers. */
        boolean asked;
        /** The re-check interval the target was started with (PEER-RECHECK-1), 0 for none. */
        int recheckMillis;

        Session(ConformanceCase testCase, Path workdir, HarnessIndex index, WireLog log) {
            this.testCase = testCase;
            this.workdir = workdir;
            this.index = index;
            this.log = log;
            this.values = new Values(testCase.files());
        }

        void run(Step step) throws IOException, CaseFailure, InterruptedException {
            if (step instanceof Step.Start s) {
                running = target.start(workdir, index.address(), new PeerTarget.Settings(Duration.ofMillis(s.recheckMillis())));
                recheckMillis = s.recheckMillis();
                starting = true;
                type(driver.input("start", s.name(), s.content()));
            } else if (step instanceof Step.Action a) {
                if (running == null) {
                    throw new CaseFailure("the script acts before it starts the target");
                }
                type(driver.input(a.kind(), null, a.content()));
            } else if (step instanceof Step.IndexExpect e) {
                indexExpect(e);
            } else if (step instanceof Step.IndexExpectEach e) {
                indexExpectEach(e);
            } else if (step instanceof Step.IndexReply r) {
                if (!r.ifAsked() || asked) {
                    index.reply(Expectations.bytes(r.pdu(), values), r.fromStranger());
                }
                asked = false;
            } else if (step instanceof Step.Holder h) {
                byte[] bytes = h.serve() == null ? new byte[0] : file(testCase, h.serve()).bytes();
                Map<String, String> header = new HashMap<>();
                if (h.extended() != null) {
                    h.extended().header().forEach((field, value) -> header.put(field, values.field(field, value)));
                }
                HolderServer holder = new HolderServer(h, bytes, header, log);
                holders.put(h.role(), holder);
                values.addresses.put(h.role(), holder.address().toString());
            } else if (step instanceof Step.HolderExpect e) {
                HolderServer holder = holders.get(e.role());
                if (holder == null) {
                    throw new CaseFailure("the script expects at holder " + e.role() + " before it starts it");
                }
                int wait = Expectations.waitMillis(e.alternatives(), replyTimeoutMillis);
                Expectations.check(e.alternatives(), holder.awaitRequest(wait), wait, Direction.REQUEST, values);
            } else if (step instanceof Step.HolderClosed c) {
                HolderServer holder = holders.get(c.role());
                if (holder == null) {
                    throw new CaseFailure("the script expects at holder " + c.role() + " before it starts it");
                }
                if (!holder.awaitClosedByTarget(c.withinMillis())) {
                    throw new CaseFailure("the download from a holder that never ends still runs after " + c.withinMillis() + " ms (SEC-14)",
                            List.of(new Verdict.Mismatch("connection", "closed by the target", "open, taking pieces")), null);
                }
            } else if (step instanceof Step.Fetch f) {
                fetch(f, testCase, servedAddress(served), hostOf(testCase, f.role()), values, log);
            } else if (step instanceof Step.Drip d) {
                byte[] request = Expectations.bytes(d.request(), values);
                try {
                    drippers.put(d.role(), new Dripper(servedAddress(served), hostOf(testCase, d.role()), request, d.connections(), d.everyMillis(), d.role(), log));
                } catch (IOException connect) {
                    throw new CaseFailure("cannot connect to the target's content server: " + connect.getMessage());
                }
            } else if (step instanceof Step.DripClosed d) {
                Dripper dripper = drippers.get(d.role());
                if (dripper == null) {
                    throw new CaseFailure("the script expects the drips of " + d.role() + " closed before it starts them");
                }
                int open = dripper.openAfter(d.withinMillis());
                if (open > 0) {
                    throw new CaseFailure(open + " connections that sent only part of a request are still open after " + d.withinMillis() + " ms (SEC-11)",
                            List.of(new Verdict.Mismatch("connections", "closed by the target", open + " still open")), null);
                }
                log.note(d.role(), "every dripping connection was closed by the target");
            } else if (step instanceof Step.ConnectIdle c) {
                Socket socket = new Socket();
                idle.add(socket);
                try {
                    socket.connect(servedAddress(served), replyTimeoutMillis);
                } catch (IOException connect) {
                    throw new CaseFailure("cannot connect to the target's content server: " + connect.getMessage());
                }
                log.note(c.role(), "connected to the target's content server and sends nothing");
            } else if (step instanceof Step.DeleteFile d) {
                Files.deleteIfExists(fileOf(workdir, d.content()));
                log.note("harness", "deleted the file of " + d.content());
            } else if (step instanceof Step.ExpectFile e) {
                expectFile(e, testCase, workdir);
            } else {
                throw new CaseFailure("a " + step.getClass().getSimpleName() + " step belongs in an index case");
            }
        }

        private void indexExpect(Step.IndexExpect e) throws IOException, CaseFailure {
            int timeout = e.withinMillis() > 0 ? e.withinMillis() : starting ? startupMillis : replyTimeoutMillis;
            int wait = Expectations.waitMillis(e.alternatives(), timeout);
            starting = false;
            long deadline = System.nanoTime() + wait * 1_000_000L;
            while (true) {
                byte[] received = index.receive((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                if (received == null && e.orSkip() != null) {
                    throw CaseFailure.skip(e.orSkip());
                }
                Message request;
                try {
                    request = Expectations.check(e.alternatives(), received, wait, Direction.REQUEST, values);
                } catch (CaseFailure mismatch) {
                    if (e.skipOthers() && received != null && System.nanoTime() < deadline) {
                        continue; // not the one this step waits for
                    }
                    throw mismatch;
                }
                asked = request != null;
                if (request instanceof Registration r && served == null) {
                    served = r.address().toSocketAddress(); // where the target serves its contents
                }
                return;
            }
        }

        /** A request for each expectation, in any order, each answered at once; repeats are answered too. */
        private void indexExpectEach(Step.IndexExpectEach e) throws IOException, CaseFailure {
            byte[] reply = Expectations.bytes(e.reply(), values);
            List<Expectation> missing = new ArrayList<>(e.each());
            long deadline = System.nanoTime() + e.withinMillis() * 1_000_000L;
            starting = false;
            while (!missing.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                byte[] received = left > 0 ? index.receive((int) left) : null;
                if (received == null) {
                    try {
                        Expectations.check(missing, null, e.withinMillis(), Direction.REQUEST, values); // fails: nothing in time
                    } catch (CaseFailure nothing) {
                        throw recheckMillis == 0 ? nothing : new CaseFailure(nothing.getMessage() + " (the target was started with a"
                                + " re-check interval of " + recheckMillis + " ms: {recheck_ms} or {recheck_s} in a peer command)",
                                nothing.mismatches(), null);
                    }
                }
                // a request that matches none fails with the closest
                Message request = Expectations.check(e.each(), received, e.withinMillis(), Direction.REQUEST, values);
                missing.removeIf(expected -> Expectations.matches(expected, received, Direction.REQUEST, values));
                index.reply(reply, false);
                if (request instanceof Registration r && served == null) {
                    served = r.address().toSocketAddress();
                }
            }
            asked = false;
        }

        private void type(String input) throws CaseFailure {
            log.note("console", "typed " + input.replace("\n", "\\n"));
            try {
                running.type(input);
            } catch (IOException e) {
                // a target that ended closes its console; the verdict then says how it ended
                throw new CaseFailure("cannot type into the target's console (" + e.getMessage() + ")");
            }
        }

        @Override
        public void close() {
            if (running != null) {
                running.close();
            }
            index.close();
            for (HolderServer holder : holders.values()) {
                try {
                    holder.close();
                } catch (IOException e) {
                    // the case is over; nothing left to report
                }
            }
            drippers.values().forEach(Dripper::close);
            for (Socket socket : idle) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // as above
                }
            }
        }
    }

    /** Where a role connects from: another loopback host when the case lists it under other_hosts, else any address. */
    private static InetAddress hostOf(ConformanceCase testCase, String role) throws IOException {
        int i = testCase.otherHosts().indexOf(role);
        return i < 0 ? null : InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)});
    }

    private void fetch(Step.Fetch f, ConformanceCase testCase, InetSocketAddress server, InetAddress local, Values values, WireLog log)
            throws IOException, CaseFailure {
        byte[] request = Expectations.bytes(f.request(), values);
        if (f.header() != null) {
            fetchExtended(f, testCase, server, local, request, values, log);
            return;
        }
        if (f.extra() != null) {
            byte[] extra = Expectations.bytes(f.extra(), values);
            request = Arrays.copyOf(request, request.length + extra.length);
            System.arraycopy(extra, 0, request, request.length - extra.length, extra.length);
        }
        ContentFetch.Result result;
        try {
            result = ContentFetch.run(server, local, request, f.role(), log, replyTimeoutMillis);
        } catch (IOException e) {
            throw new CaseFailure("cannot download from the target's content server at " + server + ": " + e.getMessage());
        }
        if (f.error()) {
            // XFER-7: one E with a reason, then the end; content, a silent close or silence are failures
            if (!(result.end() instanceof ErrorReply) || !result.pieces().isEmpty()) {
                throw new CaseFailure("the content server did not refuse with one E (XFER-7)", List.of(new Verdict.Mismatch("stream", "one E",
                        result.pieces().size() + " pieces, then " + (result.end() != null ? Expectations.summary(result.end()) : result.problem()))), null);
            }
            checkRefusal(f, (ErrorReply) result.end(), result.closedAfterEnd(), values);
            return;
        }
        if (result.problem() != null) {
            throw new CaseFailure(result.problem(), List.of(new Verdict.Mismatch("stream", "pieces then F", result.problem())), null);
        }
        if (!(result.end() instanceof ContentEnd)) {
            throw new CaseFailure("the stream ended with " + Expectations.summary(result.end()) + ", not F (XFER-3)",
                    List.of(new Verdict.Mismatch("end", "ContentEnd", Expectations.summary(result.end()))), null);
        }
        byte[] expected = file(testCase, f.file()).bytes();
        if (!Arrays.equals(expected, result.content())) {
            throw new CaseFailure("the bytes received are not the file (XFER-2)", List.of(new Verdict.Mismatch("content",
                    expected.length + " bytes of " + f.file(), result.content().length + " bytes, first difference at "
                    + Arrays.mismatch(expected, result.content()))), null);
        }
        if (result.pieces().contains(0)) {
            throw new CaseFailure("an empty C in the stream (XFER-13): an original downloader takes it for the end",
                    List.of(new Verdict.Mismatch("piece " + (result.pieces().indexOf(0) + 1), "1 to 99 bytes", "0 bytes")), null);
        }
        if (f.fullPieces()) {
            List<Integer> pieces = result.pieces();
            for (int i = 0; i < pieces.size() - 1; i++) {
                if (pieces.get(i) != ContentPiece.MAX_BYTES) {
                    throw new CaseFailure("piece " + (i + 1) + " carries " + pieces.get(i) + " bytes (XFER-14)",
                            List.of(new Verdict.Mismatch("piece " + (i + 1), "99 bytes", pieces.get(i) + " bytes")), null);
                }
            }
        }
        if (f.closed() && !result.closedAfterEnd()) {
            throw new CaseFailure("the connection stayed open after F (XFER-12)",
                    List.of(new Verdict.Mismatch("connection", "closed after F", "open for " + replyTimeoutMillis + " ms")), null);
        }
    }

    /** An extended D: one E when the script expects an error, else H, the file's bytes from H's offset exactly, and the close (EXT-9). */
    private void fetchExtended(Step.Fetch f, ConformanceCase testCase, InetSocketAddress server, InetAddress local, byte[] request,
                               Values values, WireLog log) throws IOException, CaseFailure {
        ContentFetch.Extended result;
        try {
            result = ContentFetch.runExtended(server, local, request, f.role(), log, replyTimeoutMillis);
        } catch (IOException e) {
            throw new CaseFailure("cannot download from the target's content server at " + server + ": " + e.getMessage());
        }
        String first = result.first() == null ? result.problem() : Expectations.summary(result.first());
        if (f.error()) {
            if (!(result.first() instanceof ErrorReply)) {
                throw new CaseFailure("the content server did not refuse with one E (EXT-10, XFER-7)", List.of(new Verdict.Mismatch("stream", "one E", first)), null);
            }
            checkRefusal(f, (ErrorReply) result.first(), result.closed(), values);
            return;
        }
        if (!(result.first() instanceof TransferHeader header)) {
            throw new CaseFailure("an extended D was not answered with H (EXT-9)", List.of(new Verdict.Mismatch("first PDU", "TransferHeader", first)), null);
        }
        List<Verdict.Mismatch> mismatches = Expectations.fieldMismatches(f.header(), header, values);
        if (!mismatches.isEmpty()) {
            throw new CaseFailure("unexpected H (EXT-9, EXT-10)", mismatches, null);
        }
        if (result.problem() != null) {
            throw new CaseFailure(result.problem() + " (EXT-9)", List.of(new Verdict.Mismatch("stream", header.remaining() + " raw bytes, then the close", result.problem())), null);
        }
        byte[] whole = file(testCase, f.file()).bytes();
        byte[] expected = Arrays.copyOfRange(whole, (int) Math.min(header.offset(), whole.length), whole.length);
        if (!Arrays.equals(expected, result.raw())) {
            throw new CaseFailure("the bytes received are not the file from H's offset (EXT-9)", List.of(new Verdict.Mismatch("content",
                    expected.length + " bytes of " + f.file() + " from offset " + header.offset(), result.raw().length + " bytes, first difference at "
                    + Arrays.mismatch(expected, result.raw()))), null);
        }
        if (!result.closed()) {
            throw new CaseFailure("the connection stayed open after the last byte (EXT-9)",
                    List.of(new Verdict.Mismatch("connection", "closed after the last byte", "open for " + replyTimeoutMillis + " ms")), null);
        }
    }

    /** The E of a refusal: its text, when the script gives one, and the close after it, when the script asks for it (XFER-7). */
    private void checkRefusal(Step.Fetch f, ErrorReply error, boolean closed, Values values) throws CaseFailure {
        if (f.reason() != null) {
            List<Verdict.Mismatch> mismatches = Expectations.fieldMismatches(Map.of("reason", f.reason()), error, values);
            if (!mismatches.isEmpty()) {
                throw new CaseFailure("the content server refused with another reason", mismatches, null);
            }
        }
        if (f.closed() && !closed) {
            throw new CaseFailure("the connection stayed open after E (XFER-7)",
                    List.of(new Verdict.Mismatch("connection", "closed after E", "open for " + replyTimeoutMillis + " ms")), null);
        }
    }

    private static InetSocketAddress servedAddress(InetSocketAddress server) throws CaseFailure {
        if (server == null) {
            throw new CaseFailure("the target has not registered an address yet, so there is nothing to connect to");
        }
        return server;
    }

    private void expectFile(Step.ExpectFile e, ConformanceCase testCase, Path workdir) throws IOException, CaseFailure {
        Path path = fileOf(workdir, e.content());
        if (e.absent()) {
            if (Files.exists(path)) {
                throw new CaseFailure("a file was left in place after a failed download (XFER-8)",
                        List.of(new Verdict.Mismatch(path.getFileName().toString(), "absent", Files.size(path) + " bytes")), null);
            }
            return;
        }
        byte[] expected = file(testCase, e.equals()).bytes();
        byte[] actual = Files.exists(path) ? Files.readAllBytes(path) : null;
        if (actual == null || !Arrays.equals(expected, actual)) {
            throw new CaseFailure("the file is not the content (XFER-8, XFER-9)", List.of(new Verdict.Mismatch(path.getFileName().toString(),
                    expected.length + " bytes of " + e.equals(), actual == null ? "absent" : actual.length + " bytes, first difference at "
                    + Arrays.mismatch(expected, actual))), null);
        }
    }

    private static FileSpec file(ConformanceCase testCase, String content) throws CaseFailure {
        FileSpec file = testCase.files().get(content);
        if (file == null) {
            throw new CaseFailure("the script names a file '" + content + "' it does not define under files");
        }
        return file;
    }
}
