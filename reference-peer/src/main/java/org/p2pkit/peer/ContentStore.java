package org.p2pkit.peer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;

/**
 * Maps content names to files in the share folder (spec XFER-10): by default {@code song} is
 * {@code song.txt}, as the original peer has it. No name, pattern or symbolic link can make a
 * content resolve outside the folder.
 */
public final class ContentStore {
    /** The placeholder for the content name in a file pattern. */
    public static final String PLACEHOLDER = "{name}";
    /** The original peer's mapping (XFER-10). */
    public static final String DEFAULT_PATTERN = PLACEHOLDER + ".txt";

    private static final int SCAN_BLOCK = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(ContentStore.class.getName());

    private final Path folder;
    private final String pattern;
    private final StampCache stamps;

    public ContentStore(Path folder, String pattern) throws ContentStoreException {
        this(folder, pattern, FileDigest::stampOf);
    }

    /** A store whose stamps {@code source} takes. */
    ContentStore(Path folder, String pattern, StampCache.Source source) throws ContentStoreException {
        if (!pattern.contains(PLACEHOLDER)) {
            throw new ContentStoreException("the file pattern '" + pattern + "' has no " + PLACEHOLDER
                    + " for the content name (e.g. " + DEFAULT_PATTERN + ")");
        }
        if (!Files.isDirectory(folder)) {
            throw new ContentStoreException("the share folder " + folder.toAbsolutePath() + " does not exist or is not a folder");
        }
        try {
            this.folder = folder.toRealPath();
        } catch (IOException e) {
            throw new ContentStoreException("cannot open the share folder " + folder.toAbsolutePath() + ": " + e, e);
        }
        this.pattern = pattern;
        this.stamps = new StampCache(source);
    }

    public ContentStore(Path folder) throws ContentStoreException {
        this(folder, DEFAULT_PATTERN);
    }

    /** The share folder, as a real path. */
    public Path folder() {
        return folder;
    }

    /**
     * The file of a content, inside the share folder whether it exists or not (XFER-10).
     *
     * @throws ContentStoreException when the name would lead outside the folder
     */
    public Path resolve(ContentName content) throws ContentStoreException {
        String fileName = pattern.replace(PLACEHOLDER, content.value());
        Path relative;
        try {
            relative = folder.getFileSystem().getPath(fileName);
        } catch (InvalidPathException e) {
            throw outside(content, fileName, "it is not a valid file name here");
        }
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw outside(content, fileName, "it is an absolute path");
        }
        for (Path part : relative) {
            String segment = part.toString();
            if (segment.equals("..") || segment.equals(".")) {
                throw outside(content, fileName, "it has a '" + segment + "' path segment");
            }
        }
        Path file = folder.resolve(relative).normalize();
        if (!file.startsWith(folder) || file.equals(folder)) {
            throw outside(content, fileName, "it is not inside the folder");
        }
        Path existing = deepestExisting(file);
        try {
            if (!existing.toRealPath().startsWith(folder)) {
                throw outside(content, fileName, "a symbolic link leads out of the folder");
            }
        } catch (IOException e) {
            throw new ContentStoreException("cannot check the file of '" + content + "' (" + file + "): " + e, e);
        }
        return file;
    }

    /**
     * Checks that a content can be shared classic: its file exists, is readable and holds no NUL,
     * which classic transfer cannot carry (XFER-6, XFER-15).
     *
     * @return the size of the file in bytes
     */
    public long checkShareable(ContentName content) throws ContentStoreException {
        Path file = existingFile(content);
        long offset = 0;
        byte[] block = new byte[SCAN_BLOCK];
        try (InputStream in = Files.newInputStream(file.toRealPath())) {
            for (int n; (n = in.read(block)) > 0; offset += n) {
                int nul = ContentFraming.indexOfNul(block, 0, n);
                if (nul >= 0) {
                    throw new ContentStoreException("cannot share '" + content + "': " + file + " holds a NUL byte at offset "
                            + (offset + nul) + "; classic transfer carries text only (XFER-6)");
                }
            }
        } catch (ContentStoreException e) {
            throw e;
        } catch (IOException e) {
            throw new ContentStoreException("cannot share '" + content + "': cannot read " + file + ": " + e, e);
        }
        return offset;
    }

    /**
     * The stamp of a content's file, for an extended registration (EXT-4): any bytes, hashed once
     * per version of the file.
     */
    public ContentStamp stamp(ContentName content) throws ContentStoreException {
        Path file = existingFile(content);
        try (StampedFile opened = openStamped(content)) {
            return opened.stamp();
        } catch (IOException e) {
            throw new ContentStoreException("cannot share '" + content + "': cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Opens a content's file for an extended transfer, with the stamp of its current bytes (EXT-9),
     * hashing them when they changed since they were stamped: seconds for a large file, so never on
     * the content server's event loop ({@link StampWorkers}).
     *
     * @throws NoSuchFileException when the file has vanished
     */
    StampedFile openStamped(ContentName content) throws IOException {
        return open(content, (real, channel) -> Optional.of(stamps.of(real, channel))).orElseThrow();
    }

    /**
     * Opens a content's file for an extended transfer when the stamp of its current bytes is known,
     * without hashing them; empty when {@link #openStamped} must hash them first (EXT-9).
     *
     * @throws NoSuchFileException when the file has vanished
     */
    Optional<StampedFile> openIfStamped(ContentName content) throws IOException {
        return open(content, (real, channel) -> stamps.known(real));
    }

    /** How a file opened for an extended transfer gets its stamp: taken, or looked up only. */
    private interface Stamping {
        Optional<ContentStamp> of(Path real, FileChannel channel) throws IOException;
    }

    /** Opens a content's file with the stamp {@code stamping} gives; the file is closed again when it gives none, or fails. */
    private Optional<StampedFile> open(ContentName content, Stamping stamping) throws IOException {
        Path real = resolve(content).toRealPath();
        FileChannel channel = FileChannel.open(real, StandardOpenOption.READ);
        try {
            Optional<ContentStamp> stamp = stamping.of(real, channel);
            if (stamp.isEmpty()) {
                channel.close();
            }
            return stamp.map(known -> new StampedFile(channel, known));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Calls {@code listener} with the real path of a shared file and its new stamp when the file is
     * found changed since it was stamped (section 11.2: its holder registers it again).
     */
    public void whenStampChanges(BiConsumer<Path, ContentStamp> listener) {
        stamps.whenChanged(listener);
    }

    /**
     * Records the stamp of a content's file that a verified download just put in place (EXT-15),
     * so that registering it does not hash it again; if the file cannot be looked at, it is hashed then.
     */
    void remember(ContentName content, ContentStamp stamp) {
        try {
            stamps.remember(resolve(content), stamp);
        } catch (IOException e) {
            LOG.log(Level.FINE, "the stamp of " + content + " is taken again", e);
        }
    }

    /**
     * Opens a content's file for serving, after the same checks as {@link #resolve}.
     *
     * @throws NoSuchFileException when the file has vanished
     */
    public InputStream open(ContentName content) throws IOException {
        return Files.newInputStream(resolve(content).toRealPath());
    }

    private Path existingFile(ContentName content) throws ContentStoreException {
        Path file = resolve(content);
        if (!Files.exists(file)) {
            throw new ContentStoreException("cannot share '" + content + "': there is no file " + file
                    + " (content '" + content + "' is the file " + pattern.replace(PLACEHOLDER, content.value())
                    + " in the share folder)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ContentStoreException("cannot share '" + content + "': " + file + " is not a regular file");
        }
        return file;
    }

    private static Path deepestExisting(Path file) {
        Path p = file;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? file.getRoot() : p;
    }

    private ContentStoreException outside(ContentName content, String fileName, String why) {
        return new ContentStoreException("content '" + content + "' maps to '" + fileName
                + "', which is refused: " + why + "; contents stay inside the share folder " + folder + " (XFER-10)");
    }
}
