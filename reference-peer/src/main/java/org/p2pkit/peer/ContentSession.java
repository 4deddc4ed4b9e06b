package org.p2pkit.peer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentEnd;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.Direction;
import org.p2pkit.model.DownloadRequest;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.PduCodec;
import org.p2pkit.model.PduReader;
import org.p2pkit.model.PduWriter;
import org.p2pkit.model.PeerName;

/**
 * One connection to the content server: reads one D, answers with the content stream or one E,
 * then closes (spec section 6). Whatever the client does, it ends here and nowhere else.
 */
final class ContentSession implements Runnable {
    /** File bytes read and sent per block: a whole number of full pieces, one write per block (XFER-5). */
    static final int BLOCK = 640 * ContentFraming.maxPiece();

    private static final Logger LOG = Logger.getLogger(ContentServer.class.getName());

    private final Socket socket;
    private final ContentStore store;
    private final Set<ContentName> shared;
    private final PeerName holder;
    private final int requestTimeoutMillis;
    private final Runnable onComplete;
    private final String client;
    private volatile boolean sending;
    private volatile long lastProgress = System.nanoTime();

    ContentSession(Socket socket, ContentStore store, Set<ContentName> shared, PeerName holder, int requestTimeoutMillis,
                   Runnable onComplete) {
        this.socket = socket;
        this.store = store;
        this.shared = shared;
        this.holder = holder;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.onComplete = onComplete;
        this.client = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout(requestTimeoutMillis);
            socket.setTcpNoDelay(true);
            PduWriter writer = new PduWriter(socket.getOutputStream());
            Message request;
            try {
                request = readRequest();
            } catch (MalformedPduException e) {
                refuse(writer, "Malformed PDU: " + e.field() + " at offset " + e.offset() + ": " + e.problem());
                return;
            }
            if (request instanceof DownloadRequest download && holder != null && !holder.equals(download.holder())) {
                // XFER-7: this peer serves its contents under its own name only
                refuse(writer, "File not found! (this is " + holder + ", not " + download.holder() + ")");
            } else if (request instanceof DownloadRequest download) {
                serve(download.content(), writer);
            } else if (request != null) {
                refuse(writer, "Expected a download request (D), got " + PduCodec.typeLetter(request));
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "{0}: connection ended: {1}", new Object[] {client, e.toString()});
        } catch (RuntimeException e) {
            // Never let one client take the server down (XFER-7).
            LOG.log(Level.WARNING, client + ": unexpected failure", e);
        }
    }

    /** Whether the session is streaming and has made no progress since {@code nanos}. */
    boolean stalledSince(long nanos) {
        return sending && lastProgress - nanos < 0;
    }

    /** Ends the session from another thread; its blocked read or write fails. */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private Message readRequest() throws IOException {
        PduReader reader = new PduReader(socket.getInputStream(), PduCodec.PDU_SIZE);
        try {
            Message request = reader.read(Direction.REQUEST);
            if (request == null) {
                LOG.info(() -> client + ": closed without a request");
            }
            return request;
        } catch (SocketTimeoutException e) {
            LOG.info(() -> client + ": dropped, no download request within " + requestTimeoutMillis + " ms (XFER-11)");
            return null;
        } catch (EOFException e) {
            LOG.info(() -> client + ": left inside its request: " + e.getMessage());
            return null;
        }
    }

    private void serve(ContentName content, PduWriter writer) throws IOException {
        if (!shared.contains(content)) {
            refuse(writer, "Content '" + content + "' is not shared by this peer"); // XFER-7
            return;
        }
        InputStream in;
        try {
            in = store.open(content);
        } catch (IOException e) {
            LOG.info(() -> client + ": '" + content + "' cannot be opened: " + e);
            boolean gone = e instanceof NoSuchFileException || e instanceof ContentStoreException;
            refuse(writer, "Content '" + content + "' is " + (gone ? "no longer available" : "not readable")); // XFER-7
            return;
        }
        long sent = 0;
        sending = true;
        try (in) {
            byte[] block = new byte[BLOCK];
            for (int n; (n = in.readNBytes(block, 0, block.length)) > 0; sent += n) {
                try {
                    writer.writeContent(block, 0, n);
                } catch (IllegalArgumentException e) {
                    // The file changed after it was checked at registration (XFER-6).
                    long at = sent + ContentFraming.indexOfNul(block, 0, n);
                    refuse(writer, "Content '" + content + "' holds a NUL byte at offset " + at + " and cannot be sent (XFER-6)");
                    return;
                }
                lastProgress = System.nanoTime();
            }
            writer.write(new ContentEnd()); // XFER-3
            writer.flush();
            lastProgress = System.nanoTime();
        } finally {
            sending = false;
        }
        socket.shutdownOutput(); // XFER-4: close after F
        long total = sent;
        LOG.info(() -> client + ": sent '" + content + "' (" + total + " bytes)");
        onComplete.run();
    }

    private void refuse(PduWriter writer, String reason) throws IOException {
        LOG.info(() -> client + ": refused: " + reason);
        writer.write(new ErrorReply(fit(reason)));
        writer.flush();
        socket.shutdownOutput();
    }

    /** An E text is at most 99 ASCII characters (TEXT-1). */
    static String fit(String reason) {
        StringBuilder text = new StringBuilder(Math.min(reason.length(), 99));
        for (int i = 0; i < reason.length() && text.length() < 99; i++) {
            char c = reason.charAt(i);
            text.append(c >= ' ' && c < 0x7f ? c : '?');
        }
        return text.toString();
    }
}
