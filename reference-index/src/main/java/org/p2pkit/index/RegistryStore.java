package org.p2pkit.index;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;

/**
 * The registry on disk, in one SQLite file ({@value #FILE_NAME}) of a data folder: a table of peers
 * (address, owner, place in the list) and a table of registrations (sequence, served count, stamp).
 * Not thread-safe: the durable registry calls it under its lock.
 *
 * <p>Changes gather in one open transaction until {@link #commit()}. The file is in write-ahead-log
 * mode with {@code synchronous=NORMAL}: a commit is a write to the log, which the end of the process
 * cannot undo, and the disk is only waited for at checkpoints, which keep the file consistent when
 * the machine fails (PERSIST-1). The connection holds the file exclusively, so a second index on the
 * same folder is refused (PERSIST-5). {@code user_version} is the format this index writes, so that
 * a file written by another version is refused by name rather than misread.
 */
final class RegistryStore implements AutoCloseable {
    static final String FILE_NAME = "registry.db";
    private static final int FORMAT = 1;
    /** How long a start waits for a folder another index is opening or closing. */
    private static final int BUSY_MILLIS = 2000;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_NOTADB = 26;

    /** One stored registration, as {@link #load()} gives it back. */
    record Stored(PeerName peer, ContentName content, PeerAddress address, InetSocketAddress owner, long sequence,
            long served, Optional<ContentStamp> stamp) {
    }

    private final Path file;
    private final Connection connection;
    private final PreparedStatement addPeer;
    private final PreparedStatement addRegistration;
    private final PreparedStatement setServed;
    private final PreparedStatement removeRegistration;
    private final PreparedStatement removeEmptyPeer;
    private final PreparedStatement removeRegistrations;
    private final PreparedStatement removePeer;

    private RegistryStore(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        // A new peer is owned by the source of its first registration and placed in the list by it;
        // a later registration only moves its address (SEC-1, IDX-LIST-6).
        addPeer = connection.prepareStatement("INSERT INTO peers(name, host, port, owner_host, owner_port, since) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET host = excluded.host, port = excluded.port");
        addRegistration = connection.prepareStatement(
                "INSERT INTO registrations(peer, content, sequence, served, size, digest) VALUES (?, ?, ?, 0, ?, ?)");
        setServed = connection.prepareStatement("UPDATE registrations SET served = ? WHERE peer = ? AND content = ?");
        removeRegistration = connection.prepareStatement("DELETE FROM registrations WHERE peer = ? AND content = ?");
        // IDX-DEREG-4: a peer without content is gone
        removeEmptyPeer = connection.prepareStatement(
                "DELETE FROM peers WHERE name = ? AND NOT EXISTS (SELECT 1 FROM registrations WHERE peer = ?)");
        removeRegistrations = connection.prepareStatement("DELETE FROM registrations WHERE peer = ?");
        removePeer = connection.prepareStatement("DELETE FROM peers WHERE name = ?");
    }

    /**
     * Opens the store in {@code folder}, creating both when absent.
     *
     * @throws RegistryStoreException naming the file when it cannot be had: unreadable, in use by
     *     another index, damaged, of another format; nothing is written to it then
     */
    static RegistryStore open(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new RegistryStoreException(folder, "cannot create the data folder: " + e);
        }
        if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
            throw new RegistryStoreException(file, "cannot read and write it");
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement setup = connection.createStatement()) {
                setup.execute("PRAGMA busy_timeout = " + BUSY_MILLIS);
                setup.execute("PRAGMA locking_mode = EXCLUSIVE");
                boolean empty = checkFormat(setup, file); // reads before anything is written
                setup.execute("PRAGMA journal_mode = WAL");
                setup.execute("PRAGMA synchronous = NORMAL");
                if (empty) {
                    createTables(setup);
                }
            }
            connection.setAutoCommit(false);
            return new RegistryStore(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new RegistryStoreException(file, reason(e));
        } catch (RegistryStoreException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** True for a new file; refuses a file of another format or another program. */
    private static boolean checkFormat(Statement setup, Path file) throws SQLException {
        int format;
        try (ResultSet version = setup.executeQuery("PRAGMA user_version")) {
            version.next();
            format = version.getInt(1);
        }
        if (format == FORMAT) {
            return false;
        }
        try (ResultSet tables = setup.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            if (format == 0 && tables.next() && tables.getInt(1) == 0) {
                return true;
            }
        }
        throw new RegistryStoreException(file, format == 0 ? "not a registry (a database of another program)"
                : "a registry of another format (" + format + ", this index reads " + FORMAT + ")");
    }

    private static void createTables(Statement setup) throws SQLException {
        setup.execute("BEGIN");
        setup.execute("CREATE TABLE peers(name TEXT PRIMARY KEY, host TEXT NOT NULL, port INTEGER NOT NULL, "
                + "owner_host BLOB, owner_port INTEGER, since INTEGER NOT NULL) WITHOUT ROWID");
        setup.execute("CREATE TABLE registrations(peer TEXT NOT NULL, content TEXT NOT NULL, "
                + "sequence INTEGER NOT NULL, served INTEGER NOT NULL, size INTEGER, digest BLOB, "
                + "PRIMARY KEY(peer, content)) WITHOUT ROWID");
        setup.execute("PRAGMA user_version = " + FORMAT);
        setup.execute("COMMIT");
    }

    Path file() {
        return file;
    }

    /** Every stored registration: peers in list order, each peer's registrations oldest first. */
    List<Stored> load() {
        List<Stored> result = new ArrayList<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT r.peer, r.content, p.host, p.port, p.owner_host, "
                        + "p.owner_port, r.sequence, r.served, r.size, r.digest FROM registrations r "
                        + "LEFT JOIN peers p ON p.name = r.peer ORDER BY p.since, r.sequence")) {
            while (rows.next()) {
                result.add(stored(rows));
            }
            connection.commit();
            return result;
        } catch (SQLException | IOException | IllegalArgumentException e) {
            throw new RegistryStoreException(file, "unreadable registry: " + reason(e));
        }
    }

    private static Stored stored(ResultSet row) throws SQLException, IOException {
        PeerName peer = PeerName.of(row.getString(1));
        ContentName content = ContentName.of(row.getString(2));
        String host = row.getString(3);
        if (host == null) {
            throw new IOException("registration '" + peer.value() + "/" + content.value() + "' without its peer");
        }
        PeerAddress address = new PeerAddress(host, row.getInt(4));
        byte[] ownerHost = row.getBytes(5);
        InetSocketAddress owner = ownerHost == null ? null
                : new InetSocketAddress(ownerAddress(ownerHost), row.getInt(6));
        long sequence = row.getLong(7);
        long served = row.getLong(8);
        long size = row.getLong(9);
        byte[] digest = row.getBytes(10);
        if (sequence < 0 || served < 0 || (digest != null && digest.length != ContentStamp.DIGEST_BYTES)) {
            throw new IOException("bad registration of '" + content.value() + "' by '" + peer.value() + "'");
        }
        Optional<ContentStamp> stamp = digest == null ? Optional.empty() : Optional.of(ContentStamp.of(size, digest));
        return new Stored(peer, content, address, owner, sequence, served, stamp);
    }

    private static InetAddress ownerAddress(byte[] host) throws IOException {
        try {
            return InetAddress.getByAddress(host);
        } catch (UnknownHostException e) {
            throw new IOException("an owner address of " + host.length + " bytes");
        }
    }

    /**
     * Stores a new registration from {@code source}, with its peer's current address; a new peer is
     * owned by {@code source} and placed in the list by this registration (SEC-1, IDX-LIST-6).
     */
    void registered(PeerName peer, ContentName content, PeerAddress address, InetSocketAddress source, long sequence,
            Optional<ContentStamp> stamp) {
        change(() -> {
            addPeer.setString(1, peer.value());
            addPeer.setString(2, address.host());
            addPeer.setInt(3, address.port());
            addPeer.setBytes(4, source == null ? null : source.getAddress().getAddress());
            addPeer.setObject(5, source == null ? null : source.getPort());
            addPeer.setLong(6, sequence);
            addPeer.executeUpdate();
            addRegistration.setString(1, peer.value());
            addRegistration.setString(2, content.value());
            addRegistration.setLong(3, sequence);
            addRegistration.setObject(4, stamp.map(ContentStamp::size).orElse(null));
            addRegistration.setBytes(5, stamp.map(ContentStamp::digest).orElse(null));
            addRegistration.executeUpdate();
        });
    }

    /** Sets the served count of a stored registration (IDX-SEARCH-4). */
    void served(PeerName peer, ContentName content, long served) {
        change(() -> {
            setServed.setLong(1, served);
            setServed.setString(2, peer.value());
            setServed.setString(3, content.value());
            setServed.executeUpdate();
        });
    }

    void deregistered(PeerName peer, ContentName content) {
        change(() -> {
            run(removeRegistration, peer.value(), content.value());
            run(removeEmptyPeer, peer.value(), peer.value());
        });
    }

    void removed(PeerName peer) {
        change(() -> {
            run(removeRegistrations, peer.value());
            run(removePeer, peer.value());
        });
    }

    /**
     * Writes every change so far to the file (PERSIST-1).
     *
     * @throws RegistryStoreException when the write fails; the store is unusable afterwards
     */
    void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new RegistryStoreException(file, "cannot write: " + reason(e));
        }
    }

    /** A change of the store; SQLite's failures (a full disk, a closed store) become ours. */
    private interface Change {
        void run() throws SQLException;
    }

    private void change(Change change) {
        try {
            change.run();
        } catch (SQLException e) {
            throw new RegistryStoreException(file, "cannot write: " + reason(e));
        }
    }

    private static void run(PreparedStatement statement, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setString(i + 1, values[i]);
        }
        statement.executeUpdate();
    }

    /** Writes what is not yet written and closes the file. */
    @Override
    public void close() {
        try {
            commit();
        } finally {
            closeWithoutWriting();
        }
    }

    /** Closes the file without writing what is not yet written: after a failure, or when opening failed. */
    void closeWithoutWriting() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close(); // rolls back an open transaction
        } catch (SQLException e) {
            // the file is left as the last commit wrote it
        }
    }

    private static String reason(Exception e) {
        if (e instanceof SQLException sql && sql.getErrorCode() == SQLITE_BUSY) {
            return "in use by another index (" + sql.getMessage() + ")";
        }
        if (e instanceof SQLException sql && sql.getErrorCode() == SQLITE_NOTADB) {
            return "damaged or not a registry (" + sql.getMessage() + ")";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
