package org.p2pkit.peer;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentPiece;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PduReader;
import org.p2pkit.model.PduWriter;
import org.p2pkit.model.SearchHit;
import org.p2pkit.peer.TransferFailedException.Cause;

/**
 * Fetches one content from its holder over TCP (spec XFER-1 to XFER-5) into a temporary file
 * that is moved into place only when the end marker arrived (XFER-8).
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
     * @param maxSize the most content bytes a download may have (SEC-14; 4 GiB)
     * @param diskMargin the free space the download must leave on the disk (SEC-14; 64 MiB)
     */
    public record Options(Duration connectTimeout, Duration idleTimeout, Duration deadline, long minRate, Duration rateWindow,
                          long maxSize, long diskMargin) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1),
                16 * 1024, Duration.ofSeconds(10), 4L * 1024 * 1024 * 1024, 64L * 1024 * 1024);

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
    private final FreeSpace.Disks disks;
    // The downloads in progress, for stop() (SEC-15); guarded by this.
    private final Set<Path> partials = new HashSet<>();
    private final Set<Socket> connections = new HashSet<>();
    private boolean stopped;

    public Downloader(Options options) {
        this(options, FreeSpace.REAL);
    }

    Downloader(Options options, FreeSpace.Disks disks) {
        this.options = options;
        this.disks = disks;
    }

    /**
     * Downloads {@code content} from the holder named in {@code hit} into {@code target}. The
     * target appears complete or not at all; an existing file is replaced only on success, and
     * only when it is identical to the download or {@code replace} is set.
     *
     * @return the number of bytes received
     * @throws TransferFailedException when the transfer fails (XFER-8), breaks a bound of the
     *     options (SEC-14) or is stopped (SEC-15); no partial file is left
     * @throws FileDiffersException when the download completed but {@code target} exists, differs
     *     and {@code replace} is not set; the target is kept
     */
    public long fetch(SearchHit hit, ContentName content, Path target, boolean replace, Progress progress)
            throws TransferFailedException, FileDiffersException {
        String from = "'" + content + "' from " + hit.holder() + " at " + hit.address();
        Path folder = target.toAbsolutePath().getParent();
        FreeSpace disk;
        try {
            Files.createDirectories(folder);
            disk = disks.of(folder);
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "cannot download " + from + ": cannot use the folder " + folder + ": " + e, e);
        }
        DownloadBounds bounds = new DownloadBounds(options, disk, FILE_BUFFER, from); // SEC-14: room on the disk, before asking
        Path temp;
        try {
            temp = startPartial(target, from);
        } catch (TransferFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO,
                    "cannot download " + from + ": cannot create a temporary file beside " + target + ": " + e, e);
        }
        boolean complete = false;
        try {
            try (PieceSink file = new PieceSink(Files.newOutputStream(temp, StandardOpenOption.WRITE), FILE_BUFFER)) {
                receive(hit, content, file, progress, bounds, from);
            } catch (IOException e) {
                if (e instanceof TransferFailedException t) {
                    throw t;
                }
                throw new TransferFailedException(Cause.IO, "download of " + from + " failed: cannot write " + temp + ": " + e, e);
            }
            if (!replace && differs(temp, target, from)) {
                throw new FileDiffersException("'" + content + "' exists and differs from " + hit.holder() + "'s copy; "
                        + target + " was kept");
            }
            install(temp, target, from);
            complete = true;
            return bounds.bytes();
        } catch (TransferFailedException e) {
            throw ifStopped(e, from);
        } finally {
            progress.finish(bounds.bytes(), complete);
            if (!complete) {
                endPartial(temp);
            }
        }
    }

    /**
     * Stops the downloads in progress and refuses new ones (SEC-15): closes their connections and
     * removes their temporary files, so that a peer stopped by SIGINT or SIGTERM leaves no partial
     * file behind. Each stopped download fails with {@link TransferFailedException.Cause#STOPPED}.
     */
    public synchronized void stop() {
        stopped = true;
        connections.forEach(Downloader::closeQuietly);
        partials.forEach(Downloader::deleteQuietly);
    }

    private synchronized Path startPartial(Path target, String from) throws IOException {
        if (stopped) {
            throw stoppedFailure(from);
        }
        Path temp = PartialFiles.create(target);
        partials.add(temp);
        return temp;
    }

    private synchronized void endPartial(Path temp) {
        partials.remove(temp);
        deleteQuietly(temp);
    }

    /** The failure to report: the one of a stop, if the downloader was stopped meanwhile. */
    private synchronized TransferFailedException ifStopped(TransferFailedException failure, String from) {
        return stopped ? stoppedFailure(from) : failure;
    }

    private static TransferFailedException stoppedFailure(String from) {
        return TransferFailedException.of(Cause.STOPPED, from, "stopped, its partial file removed (SEC-15)");
    }

    private void receive(SearchHit hit, ContentName content, PieceSink file, Progress progress, DownloadBounds bounds, String from)
            throws TransferFailedException {
        Socket socket = connect(hit, from);
        try (socket) {
            PduWriter writer = new PduWriter(socket.getOutputStream(), 1);
            writer.write(new DownloadRequest(hit.holder(), content)); // XFER-1: holder as named in the hit
            writer.flush();
            PduReader reader = new PduReader(bounds.watch(socket), SOCKET_BUFFER);
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
        } catch (TransferFailedException e) {
            throw e;
        } catch (MalformedPduException e) {
            throw TransferFailedException.of(Cause.MALFORMED, from, "the holder sent a " + e.getMessage());
        } catch (EOFException e) {
            throw TransferFailedException.of(Cause.CUT, from, "the stream was cut after " + bounds.bytes()
                    + " bytes, inside a PDU (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new TransferFailedException(Cause.IO, "download of " + from + " failed: " + e, e);
        } finally {
            synchronized (this) {
                connections.remove(socket);
            }
        }
    }

    private Socket connect(SearchHit hit, String from) throws TransferFailedException {
        Socket socket = new Socket();
        synchronized (this) {
            if (stopped) {
                throw stoppedFailure(from);
            }
            connections.add(socket);
        }
        try {
            socket.connect(hit.address().toSocketAddress(), (int) options.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            synchronized (this) {
                connections.remove(socket);
            }
            closeQuietly(socket);
            String why = e instanceof ConnectException ? e.getMessage()
                    : e instanceof SocketTimeoutException ? "no answer within " + options.connectTimeout().toMillis() + " ms"
                    : e.toString();
            throw TransferFailedException.of(Cause.CONNECT, from, "cannot connect: " + why);
        }
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

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a download connection", e);
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
