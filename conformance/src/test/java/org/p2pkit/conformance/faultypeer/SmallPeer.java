package org.p2pkit.conformance.faultypeer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Scanner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import org.p2pkit.conformance.cases.FileSpec;
import org.p2pkit.conformance.targets.PeerTarget;
import org.p2pkit.model.Acknowledgement;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.EmptyListEntry;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PduReader;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.ResumePoint;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.SearchRequest;
import org.p2pkit.model.TransferHeader;

/**
 * A small peer for the suite's own tests: correct with no faults, and wrong in the ways its
 * {@link PeerFault}s name, to prove that each peer case can fail. It is simple on purpose: a
 * console thread, a UDP client, a thread per download request. It speaks the extended profile
 * (spec section 11): stamps in its registrations, H and raw bytes for a D with a block, and
 * verified, resumable downloads that fall back to classic. Started with a re-check interval, it
 * sends the R of each content it shares again once per interval (PEER-RECHECK-1).
 */
public final class SmallPeer implements PeerTarget {
    private static final int INDEX_WAIT_MILLIS = 500;
    private static final int TRANSFER_WAIT_MILLIS = 1500;
    private static final int REQUEST_DEADLINE_MILLIS = 2000;
    private static final int DOWNLOAD_DEADLINE_MILLIS = 3000;
    /** The files of cases are small; an H that announces more fails the download before a byte is written (SEC-14). */
    private static final long MAX_DOWNLOAD_BYTES = 1 << 20;
    private static final int SLOTS_PER_HOST = 8;
    /** An A or E text fits in 99 characters (TEXT-1); a longer one is cut (TEXT-2). */
    private static final int MAX_TEXT = 99;
    /** The marker and the body's length, before the body of an extension block (spec section 11.1). */
    private static final int EXT_HEAD = 4;
    private static final String DUPLICATE = "File already exist for the peer, did not register file again!";

    private final Set<PeerFault> faults;

    public SmallPeer(Set<PeerFault> faults) {
        this.faults = faults.isEmpty() ? EnumSet.noneOf(PeerFault.class) : EnumSet.copyOf(faults);
    }

    @Override
    public String describe() {
        return "small peer " + (faults.isEmpty() ? "(correct)" : faults);
    }

    @Override
    public Running start(Path workdir, InetSocketAddress index, Settings settings) throws IOException {
        return new Instance(workdir, index, settings);
    }

    private boolean has(PeerFault fault) {
        return faults.contains(fault);
    }

    private final class Instance implements Running {
        private final Path folder;
        private final InetSocketAddress index;
        private final DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final PipedOutputStream keys = new PipedOutputStream();
        private final InputStream console = new PipedInputStream(keys, 8192);
        private final Set<String> shared = ConcurrentHashMap.newKeySet();
        /** The stamp of the file whose first bytes each content's resume file holds (EXT-14). */
        private final Map<String, ContentStamp> resumable = new ConcurrentHashMap<>();
        private final List<Socket> kept = new ArrayList<>();
        /** Connections being served, per source host (SEC-12). */
        private final Map<InetAddress, Integer> serving = new HashMap<>();
        private final PeerAddress address = new PeerAddress("127.0.0.1", server.getLocalPort());
        /** One request to the index at a time: the console's and the re-checks' share the socket. */
        private final Object udpLock = new Object();
        private volatile String ended;
        private volatile String name;

        Instance(Path folder, InetSocketAddress index, Settings settings) throws IOException {
            this.folder = folder;
            this.index = index;
            daemon(this::menu);
            daemon(this::accept);
            long every = settings.recheckInterval().toMillis();
            if (every > 0 && !has(PeerFault.NEVER_RECHECKS)) {
                daemon(() -> recheck(every));
            }
        }

        private void daemon(Runnable body) {
            Thread thread = new Thread(body, "small-peer");
            thread.setDaemon(true);
            thread.start();
        }

        // --- the console -----------------------------------------------------------------------

        private void menu() {
            try (Scanner tokens = new Scanner(console, StandardCharsets.US_ASCII)) {
                name = tokens.next();
                register(tokens.next());
                while (tokens.hasNext()) {
                    switch (tokens.next()) {
                        case "1" -> register(tokens.next());
                        case "2" -> download(tokens.next());
                        case "3" -> deregister(tokens.next());
                        case "4" -> list();
                        case "5" -> {
                            leave();
                            return;
                        }
                        default -> { }
                    }
                }
                leave();
            } catch (IOException | RuntimeException e) {
                if (ended == null) {
                    ended = "console stopped: " + e;
                }
            }
        }

        // --- the index client --------------------------------------------------------------------

        private void register(String content) throws IOException {
            Path file = fileOf(content);
            if (Files.isRegularFile(file)) {
                sendRegistration(content); // XFER-15: an extended peer registers any file, with its stamp
            }
        }

        private void sendRegistration(String content) throws IOException {
            byte[] pdu = has(PeerFault.UNPADDED_REGISTRATION)
                    ? Arrays.copyOf(("R" + name + "," + content + "," + address).getBytes(StandardCharsets.US_ASCII), PduCodec.PDU_SIZE)
                    : PduCodec.encode(new Registration(new PeerName(name), new ContentName(content), address, stampToRegister(content)));
            shared.add(content); // served from the moment the index may name it
            Message reply = ask(pdu, m -> m instanceof Acknowledgement || m instanceof ErrorReply);
            boolean duplicate = reply instanceof ErrorReply e && e.reason().equals(DUPLICATE) && !has(PeerFault.DUPLICATE_IS_FAILURE);
            if (!(reply instanceof Acknowledgement) && !duplicate) {
                shared.remove(content);
            }
        }

        /**
         * EXT-4: the stamp of the file served; none with NO_STAMP_IN_R, and none for a file holding a
         * NUL with SERVES_NUL_FILES, which takes such a file for classic text.
         */
        private Optional<ContentStamp> stampToRegister(String content) throws IOException {
            Path file = fileOf(content);
            if (has(PeerFault.NO_STAMP_IN_R) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            boolean nul = ContentFraming.indexOfNul(bytes, 0, bytes.length) >= 0;
            return nul && has(PeerFault.SERVES_NUL_FILES) ? Optional.empty() : Optional.of(FileSpec.stampOf(bytes));
        }

        /**
         * PEER-RECHECK-1: each interval, the R of every shared content again, spread over it. The
         * answer needs no handling: A registered it again, the duplicate E says the index has it,
         * and anything else leaves it shared for the next round.
         */
        private void recheck(long everyMillis) {
            while (!udp.isClosed()) {
                List<String> round = List.copyOf(shared);
                long gap = everyMillis / Math.max(1, round.size());
                if (round.isEmpty()) {
                    pause(everyMillis);
                }
                for (String content : round) {
                    pause(gap);
                    synchronized (udpLock) {
                        if (udp.isClosed()) {
                            return;
                        }
                        if (shared.contains(content)) {
                            try {
                                ask(PduCodec.encode(new Registration(new PeerName(name), new ContentName(content), address, stampToRegister(content))),
                                        m -> m instanceof Acknowledgement || m instanceof ErrorReply);
                            } catch (IOException e) {
                                // no answer, or the file is gone: the next round asks again
                            }
                        }
                    }
                }
            }
        }

        private void deregister(String content) throws IOException {
            if (!has(PeerFault.NO_DEREGISTER)) {
                ask(PduCodec.encode(new ContentDeregistration(new PeerName(name), new ContentName(content))),
                        m -> m instanceof Acknowledgement || m instanceof ErrorReply);
                shared.remove(content);
            }
        }

        private void list() throws IOException {
            synchronized (udpLock) {
                listPages();
            }
        }

        private void listPages() throws IOException {
            int start = 0;
            Message m = ask(PduCodec.encode(new ListRequest(new PeerName(name), start)), SmallPeer::isListReply);
            while (m != null) {
                if (m instanceof ListEnd end) {
                    if (end.isComplete() || has(PeerFault.NO_PAGING)) {
                        return;
                    }
                    m = ask(PduCodec.encode(new ListRequest(new PeerName(name), end.continueAt())), SmallPeer::isListReply);
                } else {
                    m = receive(SmallPeer::isListReply, System.nanoTime() + INDEX_WAIT_MILLIS * 1_000_000L);
                }
            }
        }

        private void leave() throws IOException {
            synchronized (udpLock) { // after a re-check in progress, and none after it
                if (!has(PeerFault.NEVER_LEAVES)) {
                    byte[] pdu = PduCodec.encode(new PeerDeregistration(new PeerName(name)));
                    udp.send(new DatagramPacket(pdu, pdu.length, index));
                }
                ended = "left (exit status 0)";
                close();
            }
        }

        /** Sends a request and returns the first fitting reply; null when none comes (UDP-2, UDP-6). */
        private Message ask(byte[] request, Predicate<Message> fits) throws IOException {
            synchronized (udpLock) {
                return askAlone(request, fits);
            }
        }

        private Message askAlone(byte[] request, Predicate<Message> fits) throws IOException {
            if (!has(PeerFault.NO_DRAIN)) {
                udp.setSoTimeout(1);
                try {
                    while (true) {
                        udp.receive(new DatagramPacket(new byte[2048], 2048)); // UDP-8: stale replies
                    }
                } catch (SocketTimeoutException e) {
                    // drained
                }
            }
            int tries = has(PeerFault.NO_RETRY) || has(PeerFault.WAITS_FOREVER) ? 1 : 3;
            for (int i = 0; i < tries; i++) {
                udp.send(new DatagramPacket(request, request.length, index));
                long deadline = has(PeerFault.WAITS_FOREVER) ? Long.MAX_VALUE : System.nanoTime() + INDEX_WAIT_MILLIS * 1_000_000L;
                Message reply = receive(fits, deadline);
                if (reply != null) {
                    return reply;
                }
            }
            return null;
        }

        private Message receive(Predicate<Message> fits, long deadline) throws IOException {
            while (true) {
                long left = deadline == Long.MAX_VALUE ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    return null;
                }
                udp.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                try {
                    udp.receive(packet);
                } catch (SocketTimeoutException e) {
                    return null;
                }
                if (!has(PeerFault.ACCEPTS_STRANGERS) && !index.equals(packet.getSocketAddress())) {
                    continue; // UDP-4
                }
                Message reply;
                try {
                    reply = PduCodec.decode(packet.getData(), 0, packet.getLength(), Direction.REPLY);
                } catch (MalformedPduException e) {
                    if (has(PeerFault.CRASH_ON_MALFORMED_REPLY)) {
                        crash("a malformed reply");
                    }
                    continue; // UDP-5
                }
                if (fits.test(reply)) {
                    return reply;
                }
            }
        }

        // --- the downloader ----------------------------------------------------------------------

        private void download(String content) throws IOException {
            Message reply = ask(PduCodec.encode(new SearchRequest(new PeerName(name), new ContentName(content))),
                    m -> m instanceof SearchHit || m instanceof ErrorReply);
            boolean complete = reply instanceof SearchHit hit && fetch(hit, content);
            if (complete || has(PeerFault.REGISTERS_FAILED_DOWNLOAD)) {
                sendRegistration(content); // XFER-9
            }
        }

        private boolean fetch(SearchHit hit, String content) throws IOException {
            Path target = fileOf(content);
            Path temp = has(PeerFault.WRITES_IN_PLACE) ? target : folder.resolve("." + content + ".part");
            Path resume = folder.resolve("." + content + ".resume"); // beside the target, never in its place (EXT-14)
            ContentStamp held = resumable.get(content);
            ResumePoint point = held != null && Files.exists(resume) && !has(PeerFault.NEVER_RESUMES)
                    ? ResumePoint.after(Files.size(resume), held) : ResumePoint.FRESH;
            try (Socket socket = new Socket()) {
                socket.connect(hit.address().toSocketAddress(), TRANSFER_WAIT_MILLIS);
                socket.setSoTimeout(TRANSFER_WAIT_MILLIS);
                PeerName holder = has(PeerFault.WRONG_HOLDER_IN_REQUEST) ? new PeerName(name) : hit.holder();
                Optional<ResumePoint> asked = has(PeerFault.CLASSIC_REQUEST) ? Optional.empty() : Optional.of(point); // EXT-8
                socket.getOutputStream().write(PduCodec.encode(new DownloadRequest(holder, new ContentName(content), asked)));
                InputStream in = socket.getInputStream();
                PduReader reader = new PduReader(in, PduCodec.PDU_SIZE); // reads no byte past the first PDU: raw bytes may follow H
                Message first = readAnswer(reader);
                if (first instanceof TransferHeader header) {
                    return receiveRaw(in, header, hit, new DownloadRequest(holder, new ContentName(content), asked), resume, target);
                }
                if (has(PeerFault.NO_FALLBACK) && asked.isPresent()) {
                    return false;
                }
                boolean complete; // EXT-12: a classic answer is downloaded as classic
                try (OutputStream out = Files.newOutputStream(temp)) {
                    complete = receiveContent(first, reader, in, out);
                }
                if (complete && hit.stamp().isPresent() && !has(PeerFault.UNCHECKED_FALLBACK)) {
                    complete = FileSpec.stampOf(Files.readAllBytes(temp)).equals(hit.stamp().get()); // EXT-12, EXT-13
                }
                if (complete && temp != target) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return complete;
            } catch (IOException | MalformedPduException e) {
                return false; // XFER-8
            } finally {
                if (temp != target) {
                    Files.deleteIfExists(temp);
                }
            }
        }

        /**
         * The first PDU of the holder's answer; with IGNORES_HEADER_CHECK, an H is taken whatever its
         * check, with ACCEPTS_MALFORMED_HEADER whatever its offset (EXT-13).
         */
        private Message readAnswer(PduReader reader) throws IOException {
            try {
                return reader.read(Direction.REPLY);
            } catch (MalformedPduException e) {
                if (has(PeerFault.IGNORES_HEADER_CHECK) && e.field().equals("check")) {
                    return PduCodec.decode(resealed(reader.pduBytes()), Direction.REPLY);
                }
                if (has(PeerFault.ACCEPTS_MALFORMED_HEADER) && e.field().equals("offset")) {
                    return PduCodec.decode(resealed(fromStart(reader.pduBytes(), e.offset())), Direction.REPLY);
                }
                throw e;
            }
        }

        /**
         * H, then its raw bytes into the resume file: the download fails when H does not answer the
         * request or the hit, the stream is short (the bytes stay for resuming) or long, or the whole
         * file is not the stamp (EXT-13, EXT-14); a verified file moves into place.
         */
        private boolean receiveRaw(InputStream in, TransferHeader header, SearchHit hit, DownloadRequest asked, Path resume, Path target)
                throws IOException {
            String content = asked.content().value();
            boolean answers = has(PeerFault.TRUSTS_HEADER_NAMES) || header.holder().equals(asked.holder()) && header.content().equals(asked.content());
            long resumedFrom = asked.resume().map(ResumePoint::offset).orElse(0L);
            boolean offset = header.offset() == 0 || header.offset() == resumedFrom;
            boolean stamp = hit.stamp().isEmpty() || hit.stamp().get().equals(header.stamp()) || has(PeerFault.IGNORES_HIT_STAMP);
            boolean fits = header.stamp().size() <= MAX_DOWNLOAD_BYTES || has(PeerFault.IGNORES_MAX_SIZE); // SEC-14
            if (!answers || !offset || !stamp || !fits) {
                return false;
            }
            resumable.put(content, header.stamp());
            try (OutputStream out = header.offset() == 0 ? Files.newOutputStream(resume)
                    : Files.newOutputStream(resume, StandardOpenOption.APPEND)) {
                if (copy(in, out, header.remaining()) < header.remaining()) {
                    if (has(PeerFault.KEEPS_PARTIAL_AT_TARGET)) {
                        Files.copy(resume, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return false;
                }
            }
            boolean longer = !has(PeerFault.IGNORES_EXTRA_BYTES) && in.read() >= 0;
            boolean verified = has(PeerFault.ACCEPTS_WRONG_DIGEST) || FileSpec.stampOf(Files.readAllBytes(resume)).equals(header.stamp());
            resumable.remove(content);
            if (longer || !verified) {
                Files.delete(resume);
                return false;
            }
            Files.move(resume, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }

        /** Copies at most {@code limit} bytes, until the stream ends; returns how many. */
        private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
            byte[] buffer = new byte[8192];
            long copied = 0;
            for (int n; copied < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) >= 0; copied += n) {
                out.write(buffer, 0, n);
            }
            return copied;
        }

        /** Classic pieces from the first PDU on, until F (XFER-2 to XFER-5). */
        private boolean receiveContent(Message first, PduReader reader, InputStream in, OutputStream out) throws IOException {
            byte[] whole = new byte[PduCodec.PDU_SIZE];
            long deadline = System.nanoTime() + DOWNLOAD_DEADLINE_MILLIS * 1_000_000L;
            Message m = first;
            while (true) {
                if (m == null) {
                    return has(PeerFault.WAITS_FOR_CLOSE);
                }
                if (m instanceof ContentPiece piece) {
                    out.write(piece.bytes());
                    if (has(PeerFault.STOPS_AT_SHORT_PIECE) && piece.length() < ContentPiece.MAX_BYTES) {
                        return true;
                    }
                } else if (m instanceof ContentEnd) {
                    if (!has(PeerFault.WAITS_FOR_CLOSE)) {
                        return true; // XFER-4: F is the end, whether or not the holder closes
                    }
                } else {
                    return false;
                }
                if (System.nanoTime() > deadline && !has(PeerFault.NO_DOWNLOAD_BOUND)) {
                    return false; // a holder that never ends (SEC-14)
                }
                if (has(PeerFault.ASSUMES_WHOLE_READS)) {
                    if (in.read(whole) < 0) {
                        return false;
                    }
                    m = PduCodec.decode(whole, 0, PduCodec.PDU_SIZE, Direction.REPLY); // whatever part of a PDU the read gave
                } else {
                    m = reader.read(Direction.REPLY);
                }
            }
        }

        // --- the content server ------------------------------------------------------------------

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    if (!admit(socket)) {
                        closeQuietly(socket); // over the limit of its host (SEC-12)
                    } else if (has(PeerFault.SINGLE_THREADED_SERVER)) {
                        serve(socket);
                    } else {
                        daemon(() -> serve(socket));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** At most SLOTS_PER_HOST connections from one host at once; with SHARED_SLOTS, that many from all hosts together. */
        private synchronized boolean admit(Socket socket) {
            InetAddress host = has(PeerFault.SHARED_SLOTS) ? InetAddress.getLoopbackAddress() : socket.getInetAddress();
            int busy = serving.getOrDefault(host, 0);
            if (busy >= SLOTS_PER_HOST) {
                return false;
            }
            serving.put(host, busy + 1);
            return true;
        }

        private synchronized void release(Socket socket) {
            serving.merge(has(PeerFault.SHARED_SLOTS) ? InetAddress.getLoopbackAddress() : socket.getInetAddress(), -1, Integer::sum);
        }

        private void serve(Socket socket) {
            boolean keep = false;
            AtomicBoolean asked = new AtomicBoolean();
            if (!has(PeerFault.NO_REQUEST_DEADLINE)) {
                // the whole request within a deadline, not only each read (SEC-11)
                daemon(() -> {
                    pause(REQUEST_DEADLINE_MILLIS);
                    if (!asked.get()) {
                        closeQuietly(socket);
                    }
                });
            }
            try {
                socket.setSoTimeout(TRANSFER_WAIT_MILLIS);
                OutputStream out = socket.getOutputStream();
                PduReader reader = new PduReader(socket.getInputStream(), PduCodec.PDU_SIZE);
                Message request;
                try {
                    request = reader.read(Direction.REQUEST);
                    asked.set(true);
                    if (has(PeerFault.SERVES_LAST_REQUEST)) {
                        socket.setSoTimeout(200);
                        try {
                            for (Message next; (next = reader.read(Direction.REQUEST)) != null; ) {
                                request = next;
                            }
                        } catch (SocketTimeoutException | MalformedPduException e) {
                            // no more requests
                        }
                    }
                } catch (MalformedPduException e) {
                    if (!has(PeerFault.SERVES_OFFSET_WITHOUT_DIGEST) || !e.field().equals("offset")) {
                        refuseMalformed(socket, e);
                        return;
                    }
                    request = asNewDownload(reader.pduBytes());
                }
                if (!(request instanceof DownloadRequest d)) {
                    return;
                }
                String content = d.content().value();
                Path file = fileOf(content);
                boolean ours = d.holder().value().equals(name) || has(PeerFault.IGNORES_HOLDER_NAME);
                boolean known = shared.contains(content) || has(PeerFault.SERVES_UNREGISTERED) && Files.exists(file);
                if (!ours || !known) {
                    refuse(out, "File not found!");
                    return;
                }
                if (!Files.exists(file) && has(PeerFault.CRASH_ON_MISSING_FILE)) {
                    crash("a missing file");
                    return;
                }
                if (!Files.exists(file)) {
                    refuse(out, "File not found!");
                    return;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (d.resume().isPresent()) {
                    serveExtended(out, d, bytes);
                } else if (ContentFraming.indexOfNul(bytes, 0, bytes.length) >= 0 && !has(PeerFault.SERVES_NUL_FILES)) {
                    refuse(out, "Content contains a NUL byte"); // XFER-6, EXT-11
                    return;
                } else {
                    stream(out, bytes);
                }
                keep = has(PeerFault.KEEPS_CONNECTION_OPEN);
            } catch (IOException e) {
                // the client went away
            } finally {
                release(socket);
                if (keep) {
                    synchronized (kept) {
                        kept.add(socket);
                    }
                } else {
                    closeQuietly(socket);
                }
            }
        }

        /** XFER-7: one E that names the field and offset, as the reference peer's; with SILENT_ON_MALFORMED_REQUEST, nothing. */
        private void refuseMalformed(Socket socket, MalformedPduException e) throws IOException {
            if (has(PeerFault.SILENT_ON_MALFORMED_REQUEST)) {
                socket.getInputStream().read(); // holds the connection until the client gives up
                return;
            }
            String reason = "Malformed PDU: " + e.field() + " at offset " + e.offset() + ": " + e.problem();
            socket.getOutputStream().write(PduCodec.encode(new ErrorReply(reason.substring(0, Math.min(reason.length(), MAX_TEXT)))));
        }

        /** EXT-9, EXT-10: H with the file's stamp and the offset granted, then the raw bytes from there. */
        private void serveExtended(OutputStream out, DownloadRequest d, byte[] bytes) throws IOException {
            ContentStamp stamp = FileSpec.stampOf(bytes);
            ResumePoint resume = d.resume().orElseThrow();
            boolean sameFile = resume.sha256().equals(Optional.of(stamp.sha256())) || has(PeerFault.RESUMES_ANY_DIGEST);
            if (sameFile && resume.offset() > bytes.length && !has(PeerFault.NO_PAST_END_ERROR)) {
                refuse(out, "Resume offset past the end");
                return;
            }
            int offset = sameFile && !has(PeerFault.IGNORES_RESUME) ? (int) Math.min(resume.offset(), bytes.length) : 0;
            out.write(PduCodec.encode(new TransferHeader(d.holder(), d.content(), stamp, offset)));
            out.write(bytes, offset, bytes.length - offset);
            if (has(PeerFault.SENDS_EXTRA_BYTE)) {
                out.write(0);
            }
            out.flush();
        }

        private void refuse(OutputStream out, String reason) throws IOException {
            if (!has(PeerFault.CLOSES_WITHOUT_ERROR)) {
                out.write(PduCodec.encode(new ErrorReply(reason)));
            }
        }

        private void stream(OutputStream out, byte[] bytes) throws IOException {
            if (has(PeerFault.EMPTY_PIECE)) {
                out.write(PduCodec.encode(new ContentPiece(new byte[0])));
            }
            int at = 0;
            while (at < bytes.length) {
                int end = Math.min(bytes.length, at + ContentPiece.MAX_BYTES);
                if (has(PeerFault.LINE_PIECES)) {
                    for (int i = at; i < end; i++) {
                        if (bytes[i] == '\n') {
                            end = i + 1;
                            break;
                        }
                    }
                }
                byte[] piece = Arrays.copyOfRange(bytes, at, end);
                if (has(PeerFault.SERVES_NUL_FILES)) {
                    int nul = ContentFraming.indexOfNul(piece, 0, piece.length);
                    piece = nul >= 0 ? Arrays.copyOf(piece, nul) : piece; // the NUL cuts the piece, as in the original
                }
                out.write(PduCodec.encode(new ContentPiece(piece)));
                at = end;
            }
            if (!has(PeerFault.NO_END_MARKER)) {
                out.write(PduCodec.encode(new ContentEnd()));
            }
            out.flush();
        }

        private Path fileOf(String content) {
            return folder.resolve(content + ".txt");
        }

        private void crash(String cause) {
            ended = "crashed on " + cause + " (exit status 1)";
            close();
        }

        @Override
        public void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.US_ASCII));
            keys.flush();
        }

        @Override
        public Optional<String> ended() {
            return Optional.ofNullable(ended);
        }

        @Override
        public void close() {
            udp.close();
            closeQuietly(server);
            closeQuietly(keys);
            synchronized (kept) {
                kept.forEach(SmallPeer::closeQuietly);
            }
        }
    }

    /**
     * SERVES_OFFSET_WITHOUT_DIGEST: a D whose block holds an offset but a zero digest, taken for a new
     * download (as EXT-10 alone reads a zero digest), where table 11.4 makes it malformed.
     */
    private static DownloadRequest asNewDownload(byte[] pdu) {
        Arrays.fill(pdu, ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1, pdu.length, (byte) 0); // without its block, a classic D
        DownloadRequest classic = (DownloadRequest) PduCodec.decode(pdu, Direction.REQUEST);
        return new DownloadRequest(classic.holder(), classic.content(), Optional.of(ResumePoint.FRESH));
    }

    /**
     * ACCEPTS_MALFORMED_HEADER: an H whose offset (the 8 bytes at {@code offsetAt}) the model refuses,
     * read as a whole file from byte 0, as a downloader that never reads H's offset after asking for
     * a new download would; the caller reseals it.
     */
    private static byte[] fromStart(byte[] pdu, int offsetAt) {
        Arrays.fill(pdu, offsetAt, offsetAt + Long.BYTES, (byte) 0);
        return pdu;
    }

    /** IGNORES_HEADER_CHECK: the PDU with the check of its block computed again, as if it had held (EXT-1). */
    private static byte[] resealed(byte[] pdu) {
        int block = ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1;
        int checkAt = block + EXT_HEAD + (pdu[block + EXT_HEAD - 1] & 0xff);
        CRC32C crc = new CRC32C();
        crc.update(pdu, 0, checkAt);
        ByteBuffer.wrap(pdu, checkAt, Integer.BYTES).putInt((int) crc.getValue());
        return pdu;
    }

    private static boolean isListReply(Message m) {
        return m instanceof ListEntry || m instanceof EmptyListEntry || m instanceof ListEnd;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is all that was wanted
        }
    }
}
