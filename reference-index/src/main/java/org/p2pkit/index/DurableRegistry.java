package org.p2pkit.index;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
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
 * A search writes nothing: the registrations it named are noted, and their served counts written
 * with the next change, or by a writer thread within a second (PERSIST-3). Opening restores what the folder holds.
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
    /** Registrations a search named since the last write; their counts are read from memory when written. */
    private final Set<Served> unwrittenServed = new HashSet<>();
    private boolean failed;

    private record Served(PeerName peer, ContentName content) {
    }

    DurableRegistry(LocalRegistry memory, RegistryStore store) {
        this.memory = memory;
        this.store = store;
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
            for (RegistryStore.Stored stored : store.load()) {
                RegistrationOutcome outcome = memory.restore(stored.peer(), stored.content(), stored.address(),
                        stored.stamp(), stored.owner(), unseen, stored.sequence(), stored.served());
                if (outcome != RegistrationOutcome.REGISTERED) {
                    throw new RegistryStoreException(store.file(), "restoring '" + stored.content().value() + "' of '"
                            + stored.peer().value() + "' gave " + outcome + ": raise the limits to what the data holds");
                }
            }
            return new DurableRegistry(memory, store);
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
            long sequence = memory.nextSequence();
            RegistrationOutcome outcome = memory.register(peer, content, address, stamp, source, now);
            if (outcome == RegistrationOutcome.REGISTERED
                    && !written(() -> store.registered(peer, content, address, source, sequence, stamp))) {
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
                unwrittenServed.add(new Served(hit.holder(), content));
            }
            return hit;
        }
    }

    @Override
    public Choice search(ContentName content, long now) {
        synchronized (lock) {
            Choice choice = memory.search(content, now);
            if (choice instanceof Choice.Named named) {
                unwrittenServed.add(new Served(named.hit().holder(), content));
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
            if (!failed) {
                written(() -> { });
            }
            if (failed) {
                store.closeWithoutWriting();
            } else {
                store.close();
            }
        }
    }

    private void writeServedCounts() {
        synchronized (lock) {
            if (!failed && !unwrittenServed.isEmpty()) {
                written(() -> { });
            }
        }
    }

    /**
     * Applies {@code change} to the store with the served counts counted since the last write, and
     * commits; false, and no more changes, when that fails (PERSIST-2).
     */
    private boolean written(Runnable change) {
        try {
            change.run();
            for (Served served : unwrittenServed) {
                long count = memory.served(served.peer(), served.content());
                if (count >= 0) { // else removed since
                    store.served(served.peer(), served.content(), count);
                }
            }
            unwrittenServed.clear();
            store.commit();
            return true;
        } catch (RegistryStoreException e) {
            failed = true;
            LOG.severe(() -> "the registry cannot be written, changes are refused until a restart: " + e.getMessage());
            return false;
        }
    }
}
