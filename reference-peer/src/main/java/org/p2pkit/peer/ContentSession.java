package org.p2pkit.peer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.ResumePoint;
import org.p2pkit.model.TransferHeader;

/**
 * One connection to the content server, driven by the server's event loop (spec section 6): reads
 * one D, answers with the content stream (C pieces and F, or H and raw bytes for a D with a block,
 * EXT-9) or one E, then closes. It never waits on the network, so
 * a connection that trickles its request or stops reading holds no thread, only its deadline
 * (SEC-11) or its idle timeout (SEC-13); nor on hashing a file whose stamp is not known, which a
 * {@link StampWorkers} thread does while the session waits.
 */
final class ContentSession {
    /** File bytes read and framed at once: a whole number of full pieces (XFER-14). */
    static final int BLOCK = 640 * ContentFraming.maxPiece();
    /** Raw bytes offered to the socket at once; the socket takes what fits, and sessions take turns. */
    static final long RAW_TURN = 8L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(ContentServer.class.getName());
    private static final byte[] END = PduCodec.encode(new ContentEnd());

    private final SocketChannel channel;
    private final ContentStore store;
    private final StampWorkers stamps;
    private final Set<ContentName> shared;
    private final PeerName holder;
    private final Profile profile;
    private final ContentServer.Limits limits;
    private final Runnable onComplete;
    private final ClientLog log;
    private final InetAddress host;
    private final String client;
    private final long requestDeadline;
    private final ByteBuffer request = ByteBuffer.allocate(PduCodec.PDU_SIZE);
    private ByteBuffer out; // PDUs queued and not yet sent; null while the request is read
    private boolean last; // out ends with F or E: close once it is sent
    private boolean complete; // out ends with F
    private InputStream file;
    private FileChannel raw; // an extended transfer's file, sent from rawPosition to rawEnd
    private long rawPosition;
    private long rawEnd;
    private byte[] block;
    private byte[] frames;
    private ContentName content;
    private DownloadRequest stamping; // an extended D waiting for the stamp of its file
    private long sent;
    private long lastProgress;

    ContentSession(SocketChannel channel, InetSocketAddress remote, ContentStore store, StampWorkers stamps, Set<ContentName> shared,
                   ContentServer.Options options, Runnable onComplete, ClientLog log, long now) {
        this.channel = channel;
        this.store = store;
        this.stamps = stamps;
        this.shared = shared;
        this.holder = options.holder();
        this.profile = options.profile();
        this.limits = options.limits();
        this.onComplete = onComplete;
        this.log = log;
        this.host = remote.getAddress();
        this.client = host.getHostAddress() + ":" + remote.getPort();
        this.requestDeadline = now + limits.requestDeadline().toNanos();
    }

    InetAddress host() {
        return host;
    }

    @Override
    public String toString() {
        return client;
    }

    /**
     * Reads or writes what the channel is ready for.
     *
     * @return false once the session is over and its connection should close
     */
    boolean ready(SelectionKey key) throws IOException {
        return out == null ? readRequest(key) : write();
    }

    /** Whether the session broke its deadline (SEC-11) or its idle timeout (SEC-13) at {@code now}; says so in the log. */
    boolean expired(long now) {
        if (stamping != null) {
            return false; // the wait is this server's own: the idle timeout starts with the H, as when the loop hashed
        }
        if (out == null && now - requestDeadline >= 0) {
            log.event(now, "dropped at the request deadline", host,
                    () -> client + ": dropped, no whole download request within " + limits.requestDeadline().toMillis() + " ms (SEC-11)");
            return true;
        }
        if (out != null && now - lastProgress - limits.idleTimeout().toNanos() >= 0) {
            log.event(now, "dropped at the idle timeout", host,
                    () -> client + ": dropped, it took no bytes for " + limits.idleTimeout().toMillis() + " ms (SEC-13)");
            return true;
        }
        return false;
    }

    void close() {
        closeQuietly(channel);
        if (file != null) {
            closeQuietly(file);
        }
        if (raw != null) {
            closeQuietly(raw);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a session", e);
        }
    }

    private boolean readRequest(SelectionKey key) throws IOException {
        if (channel.read(request) < 0) {
            log.event(System.nanoTime(), "left before a whole request", host, () -> client + (request.position() == 0 ? ": closed without a request"
                    : ": left inside its request, after " + request.position() + " bytes"));
            return false;
        }
        if (request.hasRemaining()) {
            return true;
        }
        answer(key); // XFER-17: nothing after the first PDU is read
        if (stamping != null) {
            key.interestOps(0); // nothing to read or write until the stamp is taken
            return true;
        }
        return startWriting(key);
    }

    /** Takes the outcome of a worker that took the stamp of the file (openRaw), queues the answer and starts sending it. */
    boolean stamped(SelectionKey key, StampWorkers.Outcome outcome) throws IOException {
        DownloadRequest download = stamping;
        stamping = null;
        if (outcome.failure() instanceof RuntimeException unexpected) {
            throw unexpected; // as if it had happened on the loop
        }
        if (outcome.failure() != null) {
            unavailable(download.content(), (IOException) outcome.failure());
        } else {
            answerRaw(download, outcome.file());
        }
        return startWriting(key);
    }

    private boolean startWriting(SelectionKey key) throws IOException {
        lastProgress = System.nanoTime();
        key.interestOps(SelectionKey.OP_WRITE);
        return write();
    }

    private void answer(SelectionKey key) throws IOException {
        Message message;
        try {
            message = PduCodec.decode(request.array(), Direction.REQUEST);
        } catch (MalformedPduException e) {
            refuse("Malformed PDU: " + e.field() + " at offset " + e.offset() + ": " + e.problem());
            return;
        }
        if (!(message instanceof DownloadRequest download)) {
            refuse("Expected a download request (D), got " + PduCodec.typeLetter(message));
        } else if (holder != null && !holder.equals(download.holder())) {
            // XFER-7: this peer serves its contents under its own name only
            refuse("File not found! (this is " + holder + ", not " + download.holder() + ")");
        } else if (!shared.contains(download.content())) {
            refuse("Content '" + download.content() + "' is not shared by this peer"); // XFER-7
        } else if (download.resume().isPresent() && profile == Profile.EXTENDED) {
            openRaw(download, key);
        } else {
            open(download.content()); // EXT-11: a D without a block is classic
        }
    }

    private void open(ContentName name) {
        try {
            file = store.open(name);
        } catch (IOException e) {
            unavailable(name, e);
            return;
        }
        content = name;
        block = new byte[BLOCK];
        frames = new byte[(BLOCK / ContentFraming.maxPiece() + 1) * PduCodec.PDU_SIZE];
        out = ByteBuffer.allocate(0);
    }

    /**
     * Opens the file of a D with a block, with the stamp of its bytes as they are now: at once when
     * that stamp is known, else a worker takes it and the session waits (EXT-9).
     */
    private void openRaw(DownloadRequest download, SelectionKey key) {
        Optional<StampedFile> known;
        try {
            known = store.openIfStamped(download.content());
        } catch (IOException e) {
            unavailable(download.content(), e);
            return;
        }
        if (known.isPresent()) {
            answerRaw(download, known.get());
        } else {
            stamping = download;
            stamps.open(store, download.content(), key);
        }
    }

    /**
     * Answers a D with a block (EXT-9, EXT-10): one H with the stamp of the file as it is now and
     * the offset the downloader may resume from, then the raw bytes from there.
     */
    private void answerRaw(DownloadRequest download, StampedFile opened) {
        ResumePoint asked = download.resume().orElseThrow();
        ContentStamp stamp = opened.stamp();
        boolean sameFile = asked.sha256().filter(stamp.sha256()::equals).isPresent();
        if (sameFile && asked.offset() > stamp.size()) {
            closeQuietly(opened.channel());
            refuse("Resume offset past the end");
            return;
        }
        content = download.content();
        raw = opened.channel();
        rawPosition = sameFile ? asked.offset() : 0;
        rawEnd = stamp.size(); // the bytes the stamp covers, even if the file grows meanwhile
        out = ByteBuffer.wrap(PduCodec.encode(new TransferHeader(download.holder(), content, stamp, rawPosition)));
    }

    private void unavailable(ContentName name, IOException e) {
        log.event(System.nanoTime(), "file cannot be opened", host, () -> client + ": '" + name + "' cannot be opened: " + e);
        boolean gone = e instanceof NoSuchFileException || e instanceof ContentStoreException;
        refuse("Content '" + name + "' is " + (gone ? "no longer available" : "not readable")); // XFER-7
    }

    /** Sends what is queued, framing the next block of the file when nothing is; one block per call, so sessions take turns. */
    private boolean write() throws IOException {
        if (!out.hasRemaining()) {
            if (last) {
                return finish();
            }
            if (raw != null) {
                return sendRaw();
            }
            frameNextBlock();
        }
        if (channel.write(out) > 0) {
            lastProgress = System.nanoTime(); // SEC-13: the downloader is taking bytes
        }
        return out.hasRemaining() || !last || finish();
    }

    /** Frames the next block as full C pieces (XFER-2, XFER-14), with F after the last (XFER-3). */
    private void frameNextBlock() throws IOException {
        int n = file.readNBytes(block, 0, BLOCK);
        int nul = ContentFraming.indexOfNul(block, 0, n);
        if (nul >= 0) {
            // The file changed after it was checked at registration (XFER-6); no F after pieces (XFER-18).
            refuse("Content '" + content + "' holds a NUL byte at offset " + (sent + nul) + " and cannot be sent (XFER-6)");
            return;
        }
        int end = 0;
        for (int at = 0; at < n; at += ContentFraming.maxPiece()) {
            end = ContentFraming.writePiece(block, at, Math.min(ContentFraming.maxPiece(), n - at), frames, end);
        }
        sent += n;
        if (n < BLOCK) {
            System.arraycopy(END, 0, frames, end, END.length);
            end += END.length;
            last = true;
            complete = true;
        }
        out = ByteBuffer.wrap(frames, 0, end);
    }

    /** Hands the next bytes of the file to the socket without copying them (EXT-9); closes after the last. */
    private boolean sendRaw() throws IOException {
        if (rawPosition < rawEnd) {
            long n = raw.transferTo(rawPosition, Math.min(rawEnd - rawPosition, RAW_TURN), channel);
            if (n == 0 && raw.size() <= rawPosition) {
                // The file shrank after its stamp was taken: the downloader sees a short stream and can resume.
                log.event(System.nanoTime(), "file shrank", host, () -> client + ": '" + content + "' shrank to " + rawPosition
                        + " bytes while it was sent");
                return false;
            }
            if (n > 0) {
                rawPosition += n;
                sent += n;
                lastProgress = System.nanoTime(); // SEC-13: the downloader is taking bytes
            }
            if (rawPosition < rawEnd) {
                return true;
            }
        }
        complete = true;
        return finish();
    }

    private void refuse(String reason) {
        log.event(System.nanoTime(), "refused", host, () -> client + ": refused: " + reason);
        out = ByteBuffer.wrap(PduCodec.encode(new ErrorReply(fit(reason))));
        last = true;
    }

    /** Everything is sent: closes our side after F or E (XFER-12). */
    private boolean finish() throws IOException {
        channel.shutdownOutput();
        if (complete) {
            log.event(System.nanoTime(), "sent", host, () -> client + ": sent '" + content + "' (" + sent + " bytes)");
            onComplete.run();
        }
        return false;
    }

    /** An E text is at most 99 ASCII characters (TEXT-1). */
    private static String fit(String reason) {
        StringBuilder text = new StringBuilder(Math.min(reason.length(), 99));
        for (int i = 0; i < reason.length() && text.length() < 99; i++) {
            char c = reason.charAt(i);
            text.append(c >= ' ' && c < 0x7f ? c : '?');
        }
        return text.toString();
    }
}
