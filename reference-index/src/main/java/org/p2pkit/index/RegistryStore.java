package org.p2pkit.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/**
 * The registry on disk, in one H2 MVStore file ({@value #FILE_NAME}) of a data folder: a map of
 * peers (address, owner) and a map of registrations (sequence, served count, stamp) keyed by peer
 * and content, so that a peer's registrations are one key range. Not thread-safe: the durable
 * registry calls it under its lock.
 *
 * <p>Changes are buffered until {@link #commit()} writes them to the file. MVStore's own background
 * writer is off: it took buffered changes to write them on another thread, and a {@code commit()}
 * that found nothing left to take returned before they reached the file, so an acknowledged
 * registration could die with the process (seen in {@code CrashRecoveryTest}).
 * Values are a version byte and fixed fields, so that a file written by another version is refused
 * by name rather than misread.
 */
final class RegistryStore implements AutoCloseable {
    static final String FILE_NAME = "registry.mv.db";
    private static final byte FORMAT = 1;
    /** Separates peer and content in a registration's key; names never hold it (NAME-2). */
    private static final char SEPARATOR = '\0';
    /** Where a registration's served count sits in its value: after the format byte and the sequence. */
    private static final int SERVED_AT = 9;

    /** One stored registration, as {@link #load()} gives it back. */
    record Stored(PeerName peer, ContentName content, PeerAddress address, InetSocketAddress owner, long sequence,
            long served, Optional<ContentStamp> stamp) {
    }

    /**
     * A stored peer: its address, its owner (null: registered in process) and the sequence of the
     * registration that made it known, which places it in the list (IDX-LIST-6).
     */
    private record StoredPeer(PeerAddress address, InetSocketAddress owner, long since) {
        byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                out.writeUTF(address.host());
                out.writeInt(address.port());
                byte[] ownerHost = owner == null ? new byte[0] : owner.getAddress().getAddress();
                out.writeByte(ownerHost.length);
                out.write(ownerHost);
                out.writeInt(owner == null ? 0 : owner.getPort());
                out.writeLong(since);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // cannot happen in memory
            }
            return bytes.toByteArray();
        }

        static StoredPeer decode(byte[] value) throws IOException {
            DataInputStream in = formatted(value);
            PeerAddress address = new PeerAddress(in.readUTF(), in.readInt());
            int length = in.readUnsignedByte();
            byte[] host = in.readNBytes(length);
            int port = in.readInt();
            long since = in.readLong();
            if (host.length != length || (length != 0 && length != 4 && length != 16) || in.available() > 0) {
                throw new IOException("bad peer value");
            }
            return new StoredPeer(address, length == 0 ? null : new InetSocketAddress(InetAddress.getByAddress(host), port),
                    since);
        }
    }

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> peers;
    private final MVMap<String, byte[]> holdings;

    private RegistryStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.peers = store.openMap("peers");
        this.holdings = store.openMap("registrations");
    }

    /**
     * Opens the store in {@code folder}, creating both when absent.
     *
     * @throws RegistryStoreException naming the file when it cannot be had: unreadable, locked by
     *     another index, corrupt; nothing is overwritten then
     */
    static RegistryStore open(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new RegistryStoreException(folder, "cannot create the data folder: " + e);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new RegistryStoreException(file, "cannot write it");
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            // Every acknowledged change is a commit, a new chunk of the file. MVStore keeps chunks
            // no longer in use for 45 s by default, against disks that reorder writes when the
            // machine fails; at a few thousand commits a second that grew the file by gigabytes,
            // which any sender of registrations could cause. The promise is the process's crash
            // (PERSIST-1), which sees every completed write, so space is reused at once.
            store.setRetentionTime(1000);
        } catch (MVStoreException | IllegalStateException e) {
            throw new RegistryStoreException(file, reason(e));
        }
        return new RegistryStore(file, store);
    }

    Path file() {
        return file;
    }

    /** Every stored registration: peers in list order, each peer's registrations oldest first. */
    List<Stored> load() {
        try {
            Map<String, StoredPeer> known = new HashMap<>();
            for (Map.Entry<String, byte[]> entry : peers.entrySet()) {
                known.put(entry.getKey(), StoredPeer.decode(entry.getValue()));
            }
            List<Stored> result = new ArrayList<>(holdings.size());
            Map<String, Long> since = new HashMap<>();
            for (Map.Entry<String, byte[]> entry : holdings.entrySet()) {
                String key = entry.getKey();
                int split = key.indexOf(SEPARATOR);
                StoredPeer peer = split < 0 ? null : known.get(key.substring(0, split));
                if (peer == null) {
                    throw new IOException("registration '" + key.replace(SEPARATOR, '/') + "' without its peer");
                }
                result.add(decodeHolding(PeerName.of(key.substring(0, split)), ContentName.of(key.substring(split + 1)),
                        peer, entry.getValue()));
                since.put(key.substring(0, split), peer.since());
            }
            result.sort(Comparator.<Stored>comparingLong(stored -> since.get(stored.peer().value()))
                    .thenComparingLong(Stored::sequence));
            return result;
        } catch (IOException | IllegalArgumentException | MVStoreException e) {
            throw new RegistryStoreException(file, "unreadable registry: " + reason(e));
        }
    }

    /**
     * Stores a new registration from {@code source}, with its peer's current address; a new peer is
     * owned by {@code source} and placed in the list by this registration (SEC-1, IDX-LIST-6).
     */
    void registered(PeerName peer, ContentName content, PeerAddress address, InetSocketAddress source, long sequence,
            Optional<ContentStamp> stamp) {
        change(() -> {
            byte[] known = peers.get(peer.value());
            StoredPeer before = known == null ? new StoredPeer(address, source, sequence) : decodePeer(peer, known);
            peers.put(peer.value(), new StoredPeer(address, before.owner(), before.since()).encode());
            holdings.put(key(peer, content), encodeHolding(sequence, 0, stamp));
        });
    }

    /** Counts one more served download for a stored registration (IDX-SEARCH-4). */
    void served(PeerName peer, ContentName content) {
        change(() -> countServed(key(peer, content)));
    }

    private void countServed(String key) {
        byte[] value = holdings.get(key);
        if (value != null) {
            byte[] counted = value.clone();
            ByteBuffer fields = ByteBuffer.wrap(counted);
            fields.putLong(SERVED_AT, fields.getLong(SERVED_AT) + 1);
            holdings.put(key, counted);
        }
    }

    void deregistered(PeerName peer, ContentName content) {
        change(() -> removeHolding(peer, content));
    }

    private void removeHolding(PeerName peer, ContentName content) {
        holdings.remove(key(peer, content));
        String first = peer.value() + SEPARATOR;
        String next = holdings.ceilingKey(first);
        if (next == null || !next.startsWith(first)) {
            peers.remove(peer.value()); // IDX-DEREG-4: a peer without content is gone
        }
    }

    void removed(PeerName peer) {
        change(() -> removePeer(peer));
    }

    private void removePeer(PeerName peer) {
        String first = peer.value() + SEPARATOR;
        for (Iterator<String> keys = holdings.keyIterator(first); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.startsWith(first)) {
                break;
            }
            holdings.remove(key);
        }
        peers.remove(peer.value());
    }

    private StoredPeer decodePeer(PeerName peer, byte[] value) {
        try {
            return StoredPeer.decode(value);
        } catch (IOException e) {
            throw new RegistryStoreException(file, "unreadable peer '" + peer.value() + "': " + e.getMessage());
        }
    }

    /**
     * Writes every change so far to the file (PERSIST-1).
     *
     * @throws RegistryStoreException when the write fails; the store is unusable afterwards
     */
    void commit() {
        change(store::commit);
    }

    /** Whether changes wait for a {@link #commit()}. */
    boolean hasUnwritten() {
        return store.hasUnsavedChanges();
    }

    /** Runs a change of the store, turning MVStore's failures (a full disk, a closed store) into ours. */
    private void change(Runnable change) {
        try {
            change.run();
        } catch (MVStoreException | IllegalStateException e) {
            throw new RegistryStoreException(file, "cannot write: " + reason(e));
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (MVStoreException | IllegalStateException e) {
            store.closeImmediately();
            throw new RegistryStoreException(file, "cannot write at close: " + reason(e));
        }
    }

    /** Closes the file without writing what is not yet written: after a failure, or when opening failed. */
    void closeWithoutWriting() {
        store.closeImmediately();
    }

    private static String key(PeerName peer, ContentName content) {
        return peer.value() + SEPARATOR + content.value();
    }

    /** Format byte, sequence, served count (at {@link #SERVED_AT}), then the stamp's size and digest or nothing. */
    private static byte[] encodeHolding(long sequence, long served, Optional<ContentStamp> stamp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(sequence);
            out.writeLong(served);
            if (stamp.isPresent()) {
                out.writeLong(stamp.get().size());
                out.write(stamp.get().digest());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Stored decodeHolding(PeerName peer, ContentName content, StoredPeer stored, byte[] value)
            throws IOException {
        DataInputStream holding = formatted(value);
        long sequence = holding.readLong();
        long served = holding.readLong();
        Optional<ContentStamp> stamp = Optional.empty();
        if (holding.available() > 0) {
            long size = holding.readLong();
            byte[] digest = holding.readNBytes(ContentStamp.DIGEST_BYTES);
            if (digest.length != ContentStamp.DIGEST_BYTES) {
                throw new IOException("truncated stamp of '" + content.value() + "'");
            }
            stamp = Optional.of(ContentStamp.of(size, digest));
        }
        if (holding.available() > 0 || sequence < 0 || served < 0) {
            throw new IOException("bad registration of '" + content.value() + "' by '" + peer.value() + "'");
        }
        return new Stored(peer, content, stored.address(), stored.owner(), sequence, served, stamp);
    }

    private static DataInputStream formatted(byte[] value) throws IOException {
        if (value == null || value.length == 0 || value[0] != FORMAT) {
            throw new IOException("a value of another format (" + (value == null || value.length == 0 ? "empty" : value[0])
                    + ", this index reads " + FORMAT + ")");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
        in.readByte();
        return in;
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
