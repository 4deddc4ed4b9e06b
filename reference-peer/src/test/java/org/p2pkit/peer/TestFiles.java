package org.p2pkit.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;
import org.p2pkit.model.ContentStamp;

/** Content for tests: text files of numbered lines, and a check that no partial download is left. */
final class TestFiles {
    private TestFiles() {
    }

    /** {@code count} lines "line N xx..." of varying length, as the classic examples have. */
    static byte[] lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("line ").append(i).append(' ').append("x".repeat(i % 37)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The stamp of {@code bytes} (spec EXT-4), computed here independently of the peer's code. */
    static ContentStamp stamp(byte[] bytes) {
        try {
            return ContentStamp.of(bytes.length, MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path folder, String content, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(content + ".txt"), bytes);
    }

    /** The files in a folder, hidden ones (temporary downloads) included. */
    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
