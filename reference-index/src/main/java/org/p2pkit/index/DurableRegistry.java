package org.p2pkit.index;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/**
 * The registry kept in a data folder (spec section 5.6): a {@link LocalRegistry} answers, and
 * every change it accepts is written to a {@link RegistryStore} before the operation returns, so
 * that the request handler acknowledges only what a crash of this process cannot lose (PERSIST-1).
 * Served counts are written with the next change, or by a writer thread within a second
 * (PERSIST-3). Opening restores what the folder holds.
 *
 * <p>After a write fails, changes are refused ({@link RegistrationOutcome#NOT_STORED},
 * {@link RemovalOutcome#NOT_STORED}) until a restart, while searches and lists go on (PERSIST-2).
 * A registration whose write failed is taken back from memory; a deregistration is not put back.
 */
public final class DurableRegistry implements Registry, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.p2pkit.index");
    /**
     * Restored peers are registered this long before the restart, so that none counts as seen and
     * a search probes a holder before naming it (PERSIST-4, SEC-7); far beyond any check interval.
     */
    private static final long LONG_UNSEEN_NANOS = 1L << 61;

    /** How often served counts counted since the last write are written (PERSIST-3). */
    private static final long SERVED_WRITE_MILLIS = 1000;

    private final Object lock = new Object();
    private final LocalRegistry memory;
    private final RegistryStore store;
    private final ScheduledExecutorService writer;
    private long nextSequence;
    private boolean failed;

    DurableRegistry(LocalRegistry memory, RegistryStore store, long nextSequence) {
        this.memory = memory;
        this.store = store;
        this.nextSequence = nextSequence;
        this.writer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "p2p-index-registry-writer");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeServedCounts, SERVED_WRITE_MILLIS, SERVED_WRITE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the registry kept in {@code folder}, creating it when absent, and restores every stored
     * registration with its owner, stamp, served count and list order.
     *
     * @throws RegistryStoreException naming the file when it cannot be read, is locked by another
     *     index, or holds more than {@code limits} allow (PERSIST-5); nothing is written then
     */
    public static DurableRegistry open(Path folder, IndexLimits limits, Probing probing) {
        RegistryStore store = RegistryStore.open(folder);
        try {
            LocalRegistry memory = new LocalRegistry(limits, probing);
            long unseen = System.nanoTime() - LONG_UNSEEN_NANOS;
            long next = 0;
            for (RegistryStore.Stored stored : store.load()) {
                RegistrationOutcome outcome = memory.restore(stored.peer(), stored.content(), stored.address(),
                        stored.stamp(), stored.owner(), unseen, stored.sequence(), stored.served());
                if (outcome != RegistrationOutcome.REGISTERED) {
                    throw new RegistryStoreException(store.file(), "restoring '" + stored.content().value() + "' of '"
                            + stored.peer().value() + "' gave " + outcome + ": raise the limits to what the data holds");
                }
                next = Math.max(next, stored.sequence() + 1);
            }
            return new DurableRegistry(memory, store, next);
        } catch (RuntimeException e) {
            store.closeWithoutWriting();
            throw e;
        }
    }

    /** The file the registry is kept in. */
    public Path file() {
        return store.file();
    }

    @Override
    public IndexLimits limits() {
        return memory.limits();
    }

    @Override
    public RegistrationOutcome register(PeerName peer, ContentName content, PeerAddress address,
            Optional<ContentStamp> stamp, InetSocketAddress source, long now) {
        synchronized (lock) {
            if (failed) {
                return RegistrationOutcome.NOT_STORED;
            }
            RegistrationOutcome outcome = memory.register(peer, content, address, stamp, source, now);
            if (outcome == RegistrationOutcome.REGISTERED
                    && !written(() -> store.registered(peer, content, address, source, nextSequence++, stamp))) {
                memory.deregister(peer, content);
                return RegistrationOutcome.NOT_STORED;
            }
            return outcome;
        }
    }

    @Override
    public SearchHit search(ContentName content) {
        synchronized (lock) {
            SearchHit hit = memory.search(content);
            if (hit != null) {
                countServed(hit, content);
            }
            return hit;
        }
    }

    @Override
    public Choice search(ContentName content, long now) {
        synchronized (lock) {
            Choice choice = memory.search(content, now);
            if (choice instanceof Choice.Named named) {
                countServed(named.hit(), content);
            }
            return choice;
        }
    }

    @Override
    public SearchHit peer(PeerName peer) {
        return memory.peer(peer);
    }

    @Override
    public boolean probed(SearchHit peer, boolean alive, long now) {
        synchronized (lock) {
            boolean forgotten = memory.probed(peer, alive, now);
            if (forgotten && !failed) {
                written(() -> store.removed(peer.holder()));
            }
            return forgotten;
        }
    }

    @Override
    public RemovalOutcome deregister(PeerName peer, ContentName content, InetSocketAddress source) {
        synchronized (lock) {
            if (failed) {
                return RemovalOutcome.NOT_STORED;
            }
            RemovalOutcome outcome = memory.deregister(peer, content, source);
            if (outcome == RemovalOutcome.REMOVED && !written(() -> store.deregistered(peer, content))) {
                return RemovalOutcome.NOT_STORED;
            }
            return outcome;
        }
    }

    @Override
    public RemovalOutcome removePeer(PeerName peer, InetSocketAddress source) {
        synchronized (lock) {
            if (failed) {
                return RemovalOutcome.NOT_STORED;
            }
            RemovalOutcome outcome = memory.removePeer(peer, source);
            if (outcome == RemovalOutcome.REMOVED && !written(() -> store.removed(peer))) {
                return RemovalOutcome.NOT_STORED;
            }
            return outcome;
        }
    }

    @Override
    public ListPage list(int start, int maxEntries) {
        return memory.list(start, maxEntries);
    }

    @Override
    public List<RegisteredPeer> snapshot() {
        return memory.snapshot();
    }

    @Override
    public int peerCount() {
        return memory.peerCount();
    }

    @Override
    public int registrationCount() {
        return memory.registrationCount();
    }

    /** Writes what is not yet written, served counts included, and closes the file. */
    @Override
    public void close() {
        writer.shutdownNow();
        synchronized (lock) {
            if (failed) {
                store.closeWithoutWriting();
            } else {
                store.close();
            }
        }
    }

    /** The served count is written with the next commit, or by {@link #writeServedCounts()} (PERSIST-3). */
    private void countServed(SearchHit hit, ContentName content) {
        if (!failed) {
            written(() -> store.served(hit.holder(), content), false);
        }
    }

    private void writeServedCounts() {
        synchronized (lock) {
            if (!failed && store.hasUnwritten()) {
                written(() -> { });
            }
        }
    }

    /** Applies {@code change} to the store and commits it; false, and no more changes, when that fails (PERSIST-2). */
    private boolean written(Runnable change) {
        return written(change, true);
    }

    private boolean written(Runnable change, boolean commit) {
        try {
            change.run();
            if (commit) {
                store.commit();
            }
            return true;
        } catch (RegistryStoreException e) {
            failed = true;
            LOG.severe(() -> "the registry cannot be written, changes are refused until a restart: " + e.getMessage());
            return false;
        }
    }
}
