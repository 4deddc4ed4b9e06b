package org.p2pkit.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * A peer: a name, a content server at an announced address, and the contents it registered at
 * the index. It shares, withdraws, downloads and lists, and leaves the index when it stops.
 */
public final class Peer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Peer.class.getName());

    private final PeerName name;
    private final IndexClient index;
    private final ContentStore store;
    private final ContentServer server;
    private final Downloader downloader;
    private final PeerAddress address;
    private final Profile profile;
    private final Set<ContentName> registered = Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicBoolean left = new AtomicBoolean();
    /** Registers changed files again off the content server's thread, which must not wait for the index. */
    private final ExecutorService reregistering;
    /** Sends the R of each shared content again, so that an index that forgot it has it again (PEER-RECHECK-1). */
    private final Recheck recheck;
    /**
     * Held by a re-check from the moment it finds a content shared until its answer, and by
     * {@link #unshare} and {@link #leave} around their T: a re-check never registers again what
     * was just withdrawn, nor a peer that left.
     */
    private final Object registrationLock = new Object();
    /** The last problem logged for each content's re-check, so that a lasting one is logged once. */
    private final Map<ContentName, String> recheckProblems = new ConcurrentHashMap<>();
    /** Whether the last re-check found the index unreachable (logged once until it answers again). */
    private volatile boolean indexSilent;
    private Thread exitHook;

    private Peer(PeerName name, IndexClient index, ContentStore store, ContentServer server, Downloader downloader, PeerAddress address,
                 Profile profile, Duration recheckInterval) {
        this.name = name;
        this.index = index;
        this.store = store;
        this.server = server;
        this.downloader = downloader;
        this.address = address;
        this.profile = profile;
        this.reregistering = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "p2p-reregister-" + name);
            thread.setDaemon(true);
            return thread;
        });
        store.whenStampChanges((file, stamp) -> reregistering.execute(() -> registerChanged(file, stamp)));
        this.recheck = new Recheck("p2p-recheck-" + name, recheckInterval, this::shared, this::recheck);
    }

    /**
     * Opens the share folder, removes the partial downloads that earlier runs left there (SEC-15)
     * and the resume files older than {@link PeerOptions#resumeKeep()} (section 11.3), starts the
     * content server and the index client; registers nothing yet. From then on, every
     * {@link PeerOptions#recheckInterval()} it checks that the index still knows each content it
     * shares, and registers again what the index forgot (PEER-RECHECK-1).
     */
    public static Peer start(PeerName name, PeerOptions options) throws IOException {
        ContentStore store = new ContentStore(options.folder(), options.filePattern());
        for (Path stale : PartialFiles.removeStale(store.folder())) {
            LOG.info(() -> "removed " + stale + ", a partial download that an earlier run left (SEC-15)");
        }
        for (Path old : ResumeFile.removeOlderThan(store.folder(), options.resumeKeep())) {
            LOG.info(() -> "removed " + old + ", a resume file older than " + options.resumeKeep().toDays() + " days");
        }
        IndexClient index = new IndexClient(options.index(), options.indexOptions());
        try {
            var host = AnnouncedAddress.host(options.host(), options.index());
            ContentServer.Options serverOptions = new ContentServer.Options(host, options.port(), options.serverLimits(), name, options.profile());
            ContentServer server = AnnouncedAddress.start(store, serverOptions, host);
            PeerAddress address = new PeerAddress(host.getHostAddress(), server.localAddress().getPort());
            Peer peer = new Peer(name, index, store, server, new Downloader(options.transferOptions(), options.profile()), address,
                    options.profile(), options.recheckInterval());
            peer.recheck.start();
            return peer;
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    public PeerName name() {
        return name;
    }

    /** Where this peer's content server listens, as announced in its registrations (ADDR-1). */
    public PeerAddress address() {
        return address;
    }

    public ContentStore store() {
        return store;
    }

    public ContentServer server() {
        return server;
    }

    /** The contents this peer registered and serves, in registration order. */
    public List<ContentName> shared() {
        synchronized (registered) {
            return List.copyOf(registered);
        }
    }

    /**
     * Registers a content whose file is in the share folder and serves it (IDX-REG-1, XFER-7).
     * Extended, with the file's stamp (EXT-4) and whatever bytes it holds (XFER-15); classic, a
     * file holding a NUL is refused before anything is sent (XFER-6).
     */
    public void share(ContentName content) throws ContentStoreException, IndexException {
        if (profile == Profile.CLASSIC) {
            store.checkShareable(content);
        }
        register(content, false, stamp(content));
    }

    /** Deregisters a content and stops serving it (IDX-DEREG-1, XFER-7). */
    public void unshare(ContentName content) throws IndexException {
        synchronized (registrationLock) {
            try {
                index.deregister(name, content);
            } catch (IndexErrorException e) {
                forget(content); // the index does not have it: do not serve it either
                throw e;
            }
            forget(content);
        }
    }

    /**
     * Searches, downloads into the share folder and registers the content (XFER-1 to XFER-9),
     * keeping a different file of that name that is already there (see {@link #download(ContentName, Progress, boolean)}).
     */
    public DownloadResult download(ContentName content, Progress progress)
            throws IndexException, TransferFailedException, ContentStoreException, FileDiffersException {
        return download(content, progress, false);
    }

    /**
     * Searches, downloads into the share folder and registers the content (XFER-1 to XFER-9).
     * When the transfer fails, nothing is in place of the target and nothing is registered (XFER-8).
     * A file of that name already in the folder is replaced when it is identical to the download
     * or when {@code replace} is set; otherwise it is kept, nothing is registered, and
     * {@link FileDiffersException} says so.
     */
    public DownloadResult download(ContentName content, Progress progress, boolean replace)
            throws IndexException, TransferFailedException, ContentStoreException, FileDiffersException {
        Path target = store.resolve(content); // XFER-10, before anything is sent
        SearchHit hit = index.search(name, content)
                .orElseThrow(() -> new ContentNotFoundException(content, IndexClient.NOT_FOUND));
        long started = System.nanoTime();
        Fetched fetched = downloader.fetch(hit, content, target, replace, progress);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        fetched.stamp().ifPresent(stamp -> store.remember(content, stamp)); // hashed once already
        Optional<IndexException> failure = Optional.empty();
        try {
            register(content, true, stamp(content)); // XFER-9, EXT-15
        } catch (IndexException e) {
            failure = Optional.of(e);
        }
        return new DownloadResult(content, hit.holder(), hit.address(), target, fetched, elapsed, failure);
    }

    /** Every peer and its contents, as the index lists them (IDX-LIST-1). */
    public List<ListEntry> list() throws IndexException {
        return new ArrayList<>(index.list(name));
    }

    /**
     * Stops the downloads in progress, removing their partial files (SEC-15), leaves the index
     * (deregister-peer, IDX-LEAVE-1) and stops serving. Safe to call more than once and from a
     * shutdown hook or a signal handler.
     */
    public void leave() {
        if (!left.compareAndSet(false, true)) {
            return;
        }
        recheck.close();
        downloader.stop();
        synchronized (registrationLock) { // after a re-check in progress, which then sends no other R
            try {
                index.leave(name);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not send deregister-peer to the index: {0}", e.toString());
            }
        }
        server.close();
        reregistering.shutdownNow();
        registered.clear();
    }

    public boolean hasLeft() {
        return left.get();
    }

    /**
     * Leaves the index, and removes the partial file of a download in progress (SEC-15), when the
     * JVM stops: Ctrl-C, SIGTERM, or the end of main.
     */
    public synchronized void leaveOnExit() {
        if (exitHook == null) {
            exitHook = new Thread(this::leave, "p2p-leave-" + name);
            Runtime.getRuntime().addShutdownHook(exitHook);
        }
    }

    /** Leaves (if not done yet) and releases the index socket. */
    @Override
    public void close() throws IOException {
        leave();
        synchronized (this) {
            if (exitHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(exitHook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to; leave() already happened
                }
                exitHook = null;
            }
        }
        index.close();
    }

    /** The stamp an extended peer registers a content with (EXT-4); none for a classic one. */
    private Optional<ContentStamp> stamp(ContentName content) throws ContentStoreException {
        return profile == Profile.EXTENDED ? Optional.of(store.stamp(content)) : Optional.empty();
    }

    private void register(ContentName content, boolean afterDownload, Optional<ContentStamp> stamp) throws IndexException {
        boolean had = registered.contains(content);
        server.allow(content); // before R: a search may name this peer as soon as the index has it
        try {
            index.register(name, content, address, stamp);
        } catch (IndexErrorException e) {
            if (afterDownload && had && e.reason().equals(IndexClient.DUPLICATE)) {
                if (stamp.isPresent()) {
                    registerAgain(content, stamp.get()); // the index keeps the old file's stamp (EXT-7)
                }
                return; // we had it registered already; the new file replaced the old one
            }
            if (!had) {
                server.withdraw(content);
            }
            throw e;
        } catch (IndexException e) {
            if (!had) {
                server.withdraw(content);
            }
            throw e;
        }
        registered.add(content);
    }

    /** A shared file changed since it was stamped: the contents it serves are registered again with its new stamp (section 11.2). */
    private void registerChanged(Path file, ContentStamp stamp) {
        for (ContentName content : shared()) {
            try {
                if (!left.get() && store.resolve(content).toRealPath().equals(file)) {
                    registerAgain(content, stamp);
                    LOG.info(() -> "registered '" + content + "' again: its file changed, now " + stamp);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not register ''{0}'' again after its file changed: {1}", new Object[] {content, e.toString()});
            }
        }
    }

    /** A duplicate R keeps the stamp the index has (EXT-7): T, then R with the new stamp. */
    private void registerAgain(ContentName content, ContentStamp stamp) throws IndexException {
        try {
            index.deregister(name, content);
        } catch (IndexErrorException alreadyGone) {
            // the index did not have it: the R alone does
        }
        index.register(name, content, address, Optional.of(stamp));
    }

    private void forget(ContentName content) {
        server.withdraw(content);
        registered.remove(content);
        recheckProblems.remove(content);
    }

    /**
     * PEER-RECHECK-1: sends the R of a shared content again. The duplicate E means the index still
     * knows it; A means the index had forgotten it and registered it again, which is said in one
     * line. Another E or no answer leaves the content shared and served, is logged once while it
     * lasts, and the next round asks again.
     */
    private Recheck.Result recheck(ContentName content) {
        if (left.get() || !registered.contains(content)) {
            return Recheck.Result.SKIPPED;
        }
        String where = IndexClient.describe(index.indexAddress());
        Optional<ContentStamp> stamp;
        try {
            stamp = stamp(content); // hashed again only when the file changed since
        } catch (ContentStoreException e) {
            recheckProblem(content, "cannot check that the index at " + where + " still has '" + content + "': " + e.getMessage());
            return Recheck.Result.SKIPPED;
        }
        IndexClient.Registered answer;
        synchronized (registrationLock) {
            if (left.get() || !registered.contains(content)) {
                return Recheck.Result.SKIPPED; // withdrawn, or the peer left, meanwhile
            }
            try {
                answer = index.registerOrConfirm(name, content, address, stamp);
            } catch (IndexUnreachableException e) {
                if (!indexSilent) {
                    indexSilent = true;
                    LOG.warning(() -> "could not check that the index still has '" + content + "': " + e.getMessage()
                            + "; still serving, asking again within " + describe(recheck.interval()));
                }
                return Recheck.Result.UNREACHABLE;
            } catch (IndexException e) {
                indexAnswered(where);
                String reason = e instanceof IndexErrorException refused ? refused.reason() : e.getMessage();
                recheckProblem(content, "the index at " + where + " refused to register '" + content + "' again: "
                        + reason + "; still serving it, asking again within " + describe(recheck.interval()));
                return Recheck.Result.ANSWERED;
            }
        }
        indexAnswered(where);
        boolean hadProblem = recheckProblems.remove(content) != null;
        if (answer == IndexClient.Registered.NOW) {
            LOG.warning(() -> "the index at " + where + " had forgotten '" + content + "'; registered it again");
        } else if (hadProblem) {
            LOG.info(() -> "the index at " + where + " has '" + content + "' again");
        } else {
            LOG.fine(() -> "the index at " + where + " still has '" + content + "'"
                    + (answer == IndexClient.Registered.ALREADY ? "" : " (the duplicate E to a retry: UDP-3)"));
        }
        return Recheck.Result.ANSWERED;
    }

    private void indexAnswered(String where) {
        if (indexSilent) {
            indexSilent = false;
            LOG.info(() -> "the index at " + where + " answers again");
        }
    }

    /** Logs a re-check's problem once while it lasts: again only when it changes. */
    private void recheckProblem(ContentName content, String problem) {
        if (!problem.equals(recheckProblems.put(content, problem))) {
            LOG.warning(problem);
        }
    }

    private static String describe(Duration interval) {
        return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
    }
}
