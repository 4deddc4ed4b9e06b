package org.p2pkit.peer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.p2pkit.model.ContentStamp;

/**
 * The stamps of the files a peer shares (spec EXT-4), remembered by path, size and last
 * modification, so that a file is hashed once and again only when it changed (EXT-9: an H
 * carries the stamp of the bytes it announces). Two threads that want the stamp of one changed
 * file at once hash it once: the second waits for the first.
 */
final class StampCache {
    /** How the stamp of a file's bytes is taken: {@link FileDigest#stampOf}, or a slower one in tests. */
    interface Source {
        ContentStamp stampOf(FileChannel file) throws IOException;
    }

    private record Version(long size, FileTime modified, Object fileKey) {
        static Version of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
        }
    }

    private record Entry(Version version, ContentStamp stamp) {
    }

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    /** One lock per file, held while it is hashed. */
    private final Map<Path, Object> hashing = new ConcurrentHashMap<>();
    private final Source source;
    private volatile BiConsumer<Path, ContentStamp> onChange = (file, stamp) -> { };

    StampCache(Source source) {
        this.source = source;
    }

    /** Calls {@code listener} with a file and its new stamp whenever a file known here is found changed. */
    void whenChanged(BiConsumer<Path, ContentStamp> listener) {
        onChange = listener;
    }

    /** The stamp of {@code file} (a real path), read through {@code channel}, an open channel of it. */
    ContentStamp of(Path file, FileChannel channel) throws IOException {
        synchronized (hashing.computeIfAbsent(file, f -> new Object())) {
            Version version = Version.of(file);
            Entry known = entries.get(file);
            if (isCurrent(known, version)) {
                return known.stamp();
            }
            ContentStamp stamp = source.stampOf(channel);
            entries.put(file, new Entry(version, stamp));
            if (known != null && !known.stamp().equals(stamp)) {
                onChange.accept(file, stamp);
            }
            return stamp;
        }
    }

    /** The stamp of {@code file} (a real path) as it is now, if it was taken; empty when {@link #of} must hash it. */
    Optional<ContentStamp> known(Path file) throws IOException {
        Entry known = entries.get(file);
        return isCurrent(known, Version.of(file)) ? Optional.of(known.stamp()) : Optional.empty();
    }

    private static boolean isCurrent(Entry known, Version version) {
        return known != null && known.version().equals(version);
    }

    /** Records the stamp of a file whose bytes were just verified against it, so that it is not hashed again (EXT-15). */
    void remember(Path file, ContentStamp stamp) throws IOException {
        entries.put(file.toRealPath(), new Entry(Version.of(file), stamp));
    }
}
