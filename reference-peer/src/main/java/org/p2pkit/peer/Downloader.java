package org.p2pkit.peer;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PduReader;
import org.p2pkit.model.ResumePoint;
import org.p2pkit.model.SearchHit;
import org.p2pkit.model.TransferHeader;
import org.p2pkit.peer.TransferFailedException.Cause;

/**
 * Fetches one content from its holder over TCP. Classic (spec XFER-1 to XFER-5): C pieces into a
 * temporary file that is moved into place only when the end marker arrived (XFER-8). Extended
 * (section 11): a D with a resume point, then an H and raw bytes into a resume file that is moved
 * into place once the whole file has its stamp (EXT-8, EXT-13, EXT-14); a holder that answers
 * classic is downloaded classic (EXT-12).
 */
public final class Downloader {
    /**
     * The timeouts and bounds of a download; the defaults are the reference values of section 8.
     *
     * @param connectTimeout how long to wait for the holder to accept the connection
     * @param idleTimeout how long the stream may stay silent (XFER-11; 10 s)
     * @param deadline how long the whole transfer may take (SEC-14; 1 hour)
     * @param minRate the fewest content bytes per second, over each rate window; 0 for no minimum
     *     (SEC-14; 16 KiB)
     * @param rateWindow the consecutive windows, from the connection, over which the rate is taken
     *     (SEC-14; 10 s)
     * @param maxSize the most content bytes a download may have (SEC-14; 1 TiB)
     * @param diskMargin the free space the download must leave on the disk (SEC-14; 64 MiB)
     */
    public record Options(Duration connectTimeout, Duration idleTimeout, Duration deadline, long minRate, Duration rateWindow,
                          long maxSize, long diskMargin) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1),
                16 * 1024, Duration.ofSeconds(10), 1L << 40, 64L * 1024 * 1024);

        public Options {
            for (Duration d : List.of(connectTimeout, idleTimeout, deadline, rateWindow)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("download timeouts, deadline and rate window must be positive, got " + d);
                }
            }
            if (minRate < 0 || maxSize < 0 || diskMargin < 0) {
                throw new IllegalArgumentException("the minimum rate, maximum size and disk margin cannot be negative");
            }
        }

        public Options withIdleTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout, deadline, minRate, rateWindow, maxSize, diskMargin);
        }

        public Options withDeadline(Duration newDeadline) {
            return new Options(connectTimeout, idleTimeout, newDeadline, minRate, rateWindow, maxSize, diskMargin);
        }

        public Options withMinRate(long bytesPerSecond, Duration window) {
            return new Options(connectTimeout, idleTimeout, deadline, bytesPerSecond, window, maxSize, diskMargin);
        }

        public Options withMaxSize(long bytes) {
            return new Options(connectTimeout, idleTimeout, deadline, minRate, rateWindow, bytes, diskMargin);
        }

        public Options withDiskMargin(long bytes) {
            return new Options(connectTimeout, idleTimeout, deadline, minRate, rateWindow, maxSize, bytes);
        }
    }

    private static final Logger LOG = Logger.getLogger(Downloader.class.getName());
    private static final int FILE_BUFFER = 1024 * 1024;
    private static final int SOCKET_BUFFER = 256 * 1024;
    private static final int PROGRESS_EVERY = 1024; // PDUs between progress updates

    private final Options options;
    private final Profile profile;
    private final FreeSpace.Disks disks;
    // The downloads in progress, for stop() (SEC-15); guarded by this.
    private final Set<Path> partials = new HashSet<>();
    private final Set<HolderChannel> connections = new HashSet<>();
    private boolean stopped;

    public Downloader(Options options, Profile profile) {
        this(options, profile, FreeSpace.REAL);
    }

    Downloader(Options options, Profile profile, FreeSpace.Disks disks) {
        this.options = options;
        this.profile = profile;
        this.disks = disks;
    }

    /**
     * Downloads {@code content} from the holder named in {@code hit} into {@code target}. The
     * target appears complete or not at all; an existing file is replaced only on success, and
     * only when it is identical to the download or {@code replace} is set.
     *
     * @return what was received and how it was checked
     * @throws TransferFailedException when the transfer fails (XFER-8, EXT-13), breaks a bound of
     *     the options (SEC-14) or is stopped (SEC-15); no partial file is left but a resume file
     *     of an extended transfer that failed after its H (EXT-14)
     * @throws FileDiffersException when the download completed but {@code target} exists, differs
     *     and {@code replace} is not set; the target is kept
     */
    public Fetched fetch(SearchHit hit, ContentName content, Path target, boolean replace, Progress progress)
            throws TransferFailedException, FileDiffersException {
        Download download = new Download(hit, content, target, replace, progress, "'" + content + "' from " + hit.holder() + " at " + hit.address());
        DownloadBounds bounds = bounds(download);
        boolean complete = false;
        HolderChannel holder = connect(hit, bounds, download.from());
        try {
            Fetched fetched = profile == Profile.CLASSIC ? classic(download, holder, bounds) : extended(download, holder, bounds);
            complete = true;
            return fetched;
        } catch (TransferFailedException e) {
            throw ifStopped(e, download.from());
        } finally {
            disconnect(holder);
            progress.finish(bounds.bytes(), complete);
        }
    }

    /**
     * Stops the downloads in progress and refuses new ones (SEC-15): closes their connections and
     * removes their temporary files, so that a peer stopped by SIGINT or SIGTERM leaves no partial
     * file behind; resume files stay for the next attempt (EXT-14). Each stopped download fails
     * with {@link TransferFailedException.Cause#STOPPED}.
     */
    public synchronized void stop() {
        stopped = true;
        connections.forEach(HolderChannel::abort);
        partials.forEach(Downloader::deleteQuietly);
    }

    /** One download's arguments; {@code from} names it in messages: {@code 'song' from alice at 127.0.0.1/40001}. */
    private record Download(SearchHit hit, ContentName content, Path target, boolean replace, Progress progress, String from) {
    }

    private DownloadBounds bounds(Download download) throws TransferFailedException {
        Path folder = download.target().toAbsolutePath().getParent();
        FreeSpace disk;
        try {
            Files.createDirectories(folder);
            disk = disks.of(folder);
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "cannot download " + download.from() + ": cannot use the folder " + folder + ": " + e, e);
        }
        return new DownloadBounds(options, disk, FILE_BUFFER, download.from()); // SEC-14: room on the disk, before asking
    }

    private Fetched classic(Download download, HolderChannel holder, DownloadBounds bounds) throws TransferFailedException, FileDiffersException {
        send(holder, new DownloadRequest(download.hit().holder(), download.content()), download.from()); // XFER-1: holder as named in the hit
        return receivePieces(download, holder.stream(), bounds, Verification.CLASSIC_PROFILE, Optional.empty());
    }

    /** Asks for an H (EXT-8), resuming from a kept resume file if there is one (EXT-14); a classic answer goes on classic (EXT-12). */
    private Fetched extended(Download download, HolderChannel holder, DownloadBounds bounds) throws TransferFailedException, FileDiffersException {
        Optional<ResumeFile.Kept> kept;
        try {
            kept = ResumeFile.find(download.target(), download.hit().stamp());
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "cannot download " + download.from() + ": cannot look for a resume file beside "
                    + download.target() + ": " + e, e);
        }
        ResumePoint asked = kept.map(k -> ResumePoint.after(k.held(), k.stamp())).orElse(ResumePoint.FRESH);
        send(holder, new DownloadRequest(download.hit().holder(), download.content(), Optional.of(asked)), download.from());
        byte[] first;
        Message answer;
        try {
            first = holder.readPdu();
            if (first == null) {
                throw TransferFailedException.of(Cause.CUT, download.from(), "the holder closed the connection without an answer");
            }
            answer = PduCodec.decode(first, Direction.REPLY);
        } catch (IOException | MalformedPduException e) {
            throw failure(e, download.from(), bounds);
        }
        if (answer instanceof TransferHeader header) {
            return receiveRaw(download, header, asked, kept, holder, bounds);
        }
        InputStream classic = new SequenceInputStream(new ByteArrayInputStream(first), holder.stream());
        Optional<ContentStamp> registered = download.hit().stamp();
        return receivePieces(download, classic, bounds, registered.isPresent() ? Verification.VERIFIED_AGAINST_INDEX : Verification.HOLDER_CLASSIC,
                registered);
    }

    private void send(HolderChannel holder, DownloadRequest request, String from) throws TransferFailedException {
        try {
            holder.send(request);
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "download of " + from + " failed: cannot send the request: " + e, e);
        }
    }

    /** A classic transfer (section 6) into a temporary file, checked against {@code expected} when there is one (EXT-12). */
    private Fetched receivePieces(Download download, InputStream stream, DownloadBounds bounds, Verification verification,
                                  Optional<ContentStamp> expected) throws TransferFailedException, FileDiffersException {
        Path temp = startPartial(download);
        boolean installed = false;
        try {
            try (PieceSink file = new PieceSink(Files.newOutputStream(temp, StandardOpenOption.WRITE), FILE_BUFFER)) {
                readPieces(new PduReader(stream, SOCKET_BUFFER), file, download.progress(), bounds, download.from());
            } catch (IOException e) {
                if (e instanceof TransferFailedException t) {
                    throw t;
                }
                throw new TransferFailedException(Cause.IO, "download of " + download.from() + " failed: cannot write " + temp + ": " + e, e);
            }
            if (expected.isPresent()) {
                checkStamp(temp, expected.get(), download.from());
            }
            place(download, temp);
            installed = true;
            return new Fetched(bounds.bytes(), 0, verification, expected);
        } finally {
            if (!installed) {
                endPartial(temp);
            }
        }
    }

    private synchronized Path startPartial(Download download) throws TransferFailedException {
        if (stopped) {
            throw stoppedFailure(download.from());
        }
        try {
            Path temp = PartialFiles.create(download.target());
            partials.add(temp);
            return temp;
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO,
                    "cannot download " + download.from() + ": cannot create a temporary file beside " + download.target() + ": " + e, e);
        }
    }

    private synchronized void endPartial(Path temp) {
        partials.remove(temp);
        deleteQuietly(temp);
    }

    /** The failure to report: the one of a stop, if the downloader was stopped meanwhile. */
    private synchronized TransferFailedException ifStopped(TransferFailedException failure, String from) {
        return stopped && failure.failure() != Cause.STOPPED ? stoppedFailure(from) : failure;
    }

    private static TransferFailedException stoppedFailure(String from) {
        return TransferFailedException.of(Cause.STOPPED, from, "stopped, its partial file removed (SEC-15)");
    }

    private void readPieces(PduReader reader, PieceSink file, Progress progress, DownloadBounds bounds, String from)
            throws TransferFailedException {
        try {
            for (int pdus = 1; ; pdus++) {
                if (!reader.next()) {
                    throw TransferFailedException.of(Cause.CUT, from, "the holder closed the connection after "
                            + bounds.bytes() + " bytes, before the end marker (F)");
                }
                byte[] buffer = reader.buffer();
                int length = ContentFraming.pieceLength(buffer, reader.offset()); // the bulk path for C
                if (length < 0) {
                    Message message = PduCodec.decode(buffer, reader.offset(), PduCodec.PDU_SIZE, Direction.REPLY);
                    if (message instanceof ContentEnd) {
                        return; // XFER-4: stop at F whether or not the holder closes
                    } else if (message instanceof ErrorReply error) {
                        throw TransferFailedException.of(Cause.ERROR_REPLY, from, "the holder answered: " + error.reason());
                    } else if (!(message instanceof ContentPiece)) {
                        throw TransferFailedException.of(Cause.MALFORMED, from, "the holder sent a "
                                + PduCodec.typeLetter(message) + " PDU in a content stream: " + message);
                    }
                    length = ((ContentPiece) message).length(); // not reached while the bulk path reads every C
                }
                file.add(buffer, ContentFraming.pieceOffset(reader.offset()), length); // XFER-5: any length 0..99
                bounds.add(length); // SEC-14
                if (pdus % PROGRESS_EVERY == 0) {
                    progress.update(bounds.bytes());
                }
            }
        } catch (IOException | MalformedPduException e) {
            throw failure(e, from, bounds);
        }
    }

    /**
     * The raw bytes after an H (EXT-9) into the resume file of H's stamp, verified as a whole
     * (EXT-13). A failure after H keeps the bytes for the next attempt (EXT-14), but when the
     * bytes are not the ones announced.
     */
    private Fetched receiveRaw(Download download, TransferHeader header, ResumePoint asked, Optional<ResumeFile.Kept> kept,
                               HolderChannel holder, DownloadBounds bounds) throws TransferFailedException, FileDiffersException {
        String from = download.from();
        checkHeader(download, header, asked, kept);
        bounds.announced(header.stamp().size(), header.remaining()); // SEC-14, before any byte is written
        ResumeFile file;
        try {
            if (header.offset() == 0 && kept.isPresent()) {
                Files.deleteIfExists(kept.get().path()); // EXT-14: the holder's file is another one, or it does not resume
            }
            file = ResumeFile.open(download.target(), header.stamp(), header.offset());
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "cannot download " + from + ": cannot write a resume file beside "
                    + download.target() + ": " + e, e);
        }
        try (file) {
            ContentStamp received = new RawReceiver(holder, file.channel(), bounds, download.progress(), from)
                    .receive(header.offset(), header.stamp().size());
            if (!received.equals(header.stamp())) {
                throw TransferFailedException.of(Cause.CORRUPT, from, "the file received has sha256 " + received.sha256()
                        + ", the holder announced sha256 " + header.stamp().sha256() + " (EXT-13)");
            }
            place(download, file.path());
            return new Fetched(bounds.bytes(), header.offset(), Verification.VERIFIED, Optional.of(header.stamp()));
        } catch (FileDiffersException e) {
            discard(file);
            throw e;
        } catch (IOException e) {
            TransferFailedException failure = failure(e, from, bounds);
            if (failure.failure() == Cause.CORRUPT) {
                discard(file); // EXT-14: these bytes are not worth resuming from
                throw failure;
            }
            throw keptFor(failure, file, from);
        }
    }

    /** The checks of an H before any byte is kept (EXT-13). */
    private static void checkHeader(Download download, TransferHeader header, ResumePoint asked, Optional<ResumeFile.Kept> kept)
            throws TransferFailedException {
        if (!header.holder().equals(download.hit().holder()) || !header.content().equals(download.content())) {
            throw TransferFailedException.of(Cause.MALFORMED, download.from(), "the holder answered with an H for '" + header.content()
                    + "' of " + header.holder() + " (EXT-13)");
        }
        if (header.offset() != 0 && (header.offset() != asked.offset() || !kept.map(ResumeFile.Kept::stamp).equals(Optional.of(header.stamp())))) {
            throw TransferFailedException.of(Cause.MALFORMED, download.from(), "the holder resumes after " + header.offset() + " bytes of "
                    + header.stamp() + ", but the download asked to resume after " + asked.offset() + " bytes"
                    + kept.map(k -> " of " + k.stamp()).orElse("") + " (EXT-13)");
        }
        Optional<ContentStamp> registered = download.hit().stamp();
        if (registered.isPresent() && !registered.get().equals(header.stamp())) {
            throw TransferFailedException.of(Cause.WRONG_STAMP, download.from(), "the holder announces " + header.stamp()
                    + ", the index registered " + registered.get() + " (EXT-13)");
        }
    }

    /** EXT-12: the file of a classic transfer against the stamp of the index's hit. */
    private static void checkStamp(Path file, ContentStamp expected, String from) throws TransferFailedException {
        ContentStamp received;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            received = FileDigest.stampOf(channel);
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "download of " + from + " failed: cannot read " + file + ": " + e, e);
        }
        if (!received.equals(expected)) {
            throw TransferFailedException.of(Cause.CORRUPT, from, "the file received is " + received + ", the index registered "
                    + expected + " (EXT-12, EXT-13)");
        }
    }

    /** The failure of a download that keeps its resume file, saying so; a stop reports itself as one. */
    private synchronized TransferFailedException keptFor(TransferFailedException failure, ResumeFile file, String from) {
        String kept = "; the bytes received are kept in " + file.path() + " to resume (EXT-14)";
        return stopped ? TransferFailedException.of(Cause.STOPPED, from, "stopped" + kept)
                : new TransferFailedException(failure.failure(), failure.getMessage() + kept, failure);
    }

    private static void discard(ResumeFile file) {
        try {
            file.discard();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete the resume file {0}: {1}", new Object[] {file.path(), e});
        }
    }

    /** What a failure of the connection or of the stream means for the download. */
    private static TransferFailedException failure(Exception e, String from, DownloadBounds bounds) {
        if (e instanceof TransferFailedException t) {
            return t;
        } else if (e instanceof MalformedPduException) {
            return TransferFailedException.of(Cause.MALFORMED, from, "the holder sent a " + e.getMessage());
        } else if (e instanceof EOFException) {
            return TransferFailedException.of(Cause.CUT, from, "the stream was cut after " + bounds.bytes()
                    + " bytes, inside a PDU (" + e.getMessage() + ")");
        }
        return new TransferFailedException(Cause.IO, "download of " + from + " failed: " + e, e);
    }

    private HolderChannel connect(SearchHit hit, DownloadBounds bounds, String from) throws TransferFailedException {
        HolderChannel holder;
        synchronized (this) {
            if (stopped) {
                throw stoppedFailure(from);
            }
            try {
                holder = new HolderChannel(bounds);
            } catch (IOException e) {
                throw new TransferFailedException(Cause.IO, "cannot download " + from + ": " + e, e);
            }
            connections.add(holder);
        }
        try {
            holder.connect(hit.address().toSocketAddress(), options.connectTimeout());
            return holder;
        } catch (IOException e) {
            disconnect(holder);
            String why = e instanceof ConnectException ? e.getMessage()
                    : e instanceof SocketTimeoutException ? "no answer within " + options.connectTimeout().toMillis() + " ms"
                    : e.toString();
            throw TransferFailedException.of(Cause.CONNECT, from, "cannot connect: " + why);
        }
    }

    private synchronized void disconnect(HolderChannel holder) {
        connections.remove(holder);
        try {
            holder.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a download connection", e);
        }
    }

    /** Puts a complete download in place, unless a different file is there and may not be replaced. */
    private void place(Download download, Path complete) throws TransferFailedException, FileDiffersException {
        if (!download.replace() && differs(complete, download.target(), download.from())) {
            throw new FileDiffersException("'" + download.content() + "' exists and differs from " + download.hit().holder() + "'s copy; "
                    + download.target() + " was kept");
        }
        install(complete, download.target(), download.from());
    }

    /** Whether the target exists with other bytes than the download. */
    private static boolean differs(Path temp, Path target, String from) throws TransferFailedException {
        try {
            return Files.exists(target) && Files.mismatch(temp, target) != -1;
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO,
                    "download of " + from + " completed, but it cannot be compared with " + target + ": " + e, e);
        }
    }

    /** Moves the complete download into place, unless a stop removed it first (SEC-15). */
    private synchronized void install(Path temp, Path target, String from) throws TransferFailedException {
        if (stopped) {
            throw stoppedFailure(from);
        }
        partials.remove(temp);
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO,
                    "download of " + from + " completed, but it cannot be moved to " + target + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete the partial download {0}: {1}", new Object[] {temp, e});
        }
    }
}
