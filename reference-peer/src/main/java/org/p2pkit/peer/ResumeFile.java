package org.p2pkit.peer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.p2pkit.model.ContentStamp;

/**
 * The kept bytes of an extended download (spec EXT-14, section 11.3): the file
 * {@code .<file>.<size>.<sha256>.resume} beside the target, so that the stamp of the whole file
 * travels with them, locked while a download writes it so that two downloads never write one file.
 */
final class ResumeFile implements AutoCloseable {
    /** A resume file found beside a target, not opened. */
    record Kept(Path path, ContentStamp stamp, long held) {
    }

    private static final Pattern NAME = Pattern.compile("\\.(.+)\\.(\\d{1,19})\\.([0-9a-f]{64})\\.resume");

    private final Path path;
    private final FileChannel channel;

    private ResumeFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static Path pathOf(Path target, ContentStamp stamp) {
        return target.resolveSibling("." + target.getFileName() + "." + stamp.size() + "." + stamp.sha256() + ".resume");
    }

    /**
     * The resume file kept for {@code target}: the one of {@code wanted}'s stamp if there is one,
     * else the one written last; empty when there is none.
     */
    static Optional<Kept> find(Path target, Optional<ContentStamp> wanted) throws IOException {
        List<Kept> kept = new ArrayList<>();
        try (Stream<Path> files = Files.list(target.toAbsolutePath().getParent())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && name.group(1).equals(target.getFileName().toString())
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    ContentStamp stamp = new ContentStamp(Long.parseLong(name.group(2)), name.group(3));
                    long held = Files.size(file);
                    if (held <= stamp.size()) {
                        kept.add(new Kept(file, stamp, held));
                    }
                }
            }
        }
        Optional<Kept> same = kept.stream().filter(k -> wanted.filter(k.stamp()::equals).isPresent()).findFirst();
        return same.isPresent() ? same : kept.stream().max(Comparator.comparing(ResumeFile::lastWritten));
    }

    /**
     * Opens, creating it if needed, the resume file of {@code stamp} beside {@code target}, keeping
     * its first {@code held} bytes and dropping any after them, and locks it.
     *
     * @throws IOException when another download writes it, or it holds fewer than {@code held} bytes
     */
    static ResumeFile open(Path target, ContentStamp stamp, long held) throws IOException {
        Path path = pathOf(target, stamp);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process writes it already
            }
            if (lock == null) {
                throw new IOException("another download is writing " + path);
            }
            if (channel.size() < held) {
                throw new IOException(path + " holds " + channel.size() + " bytes, fewer than the " + held + " to resume after");
            }
            channel.truncate(held);
            return new ResumeFile(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Removes the resume files in {@code folder} (not below it) last written more than
     * {@code age} ago, which no download will come back for (SEC-15, section 11.3).
     *
     * @return the files removed
     */
    static List<Path> removeOlderThan(Path folder, Duration age) throws IOException {
        Instant limit = Instant.now().minus(age);
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (NAME.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && lastWritten(file).isBefore(limit) && Files.deleteIfExists(file)) {
                    removed.add(file);
                }
            }
        }
        return removed;
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /** Closes and removes the file: its bytes are not worth resuming from (EXT-14). */
    void discard() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    /** Closes the file, releasing its lock, and keeps it. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static Instant lastWritten(Kept kept) {
        return lastWritten(kept.path());
    }

    private static Instant lastWritten(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return FileTime.fromMillis(0).toInstant(); // vanished meanwhile: the oldest
        }
    }
}
