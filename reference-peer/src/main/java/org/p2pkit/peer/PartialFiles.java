package org.p2pkit.peer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary files of downloads in progress (SEC-15). Each lives beside its target, hidden, and
 * names the process that writes it, {@code .song.txt.<pid>.<16 hex digits>.part}, so that a later
 * run can tell a file that an earlier run left behind ({@code kill -9}, a crash, a power cut) from
 * one that a live process is still writing.
 */
final class PartialFiles {
    private static final Pattern NAME = Pattern.compile("\\..+\\.(\\d{1,18})\\.[0-9a-f]{16}\\.part");
    /** How much later than the truth the system may report a process's start (Linux counts from a boot time in seconds). */
    private static final Duration START_SLACK = Duration.ofSeconds(10);

    private PartialFiles() {
    }

    /**
     * A new empty temporary file beside {@code target}. Unlike Files.createTempFile it gets the
     * ordinary permissions of a new file (the umask's), which the target then keeps.
     */
    static Path create(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createFile(folder.resolve(prefix + String.format("%016x", ThreadLocalRandom.current().nextLong()) + ".part"));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Removes the temporary files in {@code folder} (not below it) whose writer is gone: no
     * process has its id any more, or the process that has it started after the file was last
     * written, so it took the id over. Other files are never touched.
     *
     * @return the files removed
     */
    static List<Path> removeStale(Path folder) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && !writerAlive(Long.parseLong(name.group(1)), Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS))
                        && Files.deleteIfExists(file)) {
                    removed.add(file);
                }
            }
        }
        return removed;
    }

    private static boolean writerAlive(long pid, FileTime lastWritten) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().startInstant()
                        .map(started -> !started.isAfter(lastWritten.toInstant().plus(START_SLACK)))
                        .orElse(true)) // start unknown: assume it is the writer
                .orElse(false);
    }
}
