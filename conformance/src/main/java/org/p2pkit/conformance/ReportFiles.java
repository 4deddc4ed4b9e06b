package org.p2pkit.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Report paths are checked before the run, so that a long run never ends in a report it cannot write. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** The path as a writable file, its folder created; or a setup error naming the option. */
    static Path writable(String option, Path path) throws SetupException {
        if (path == null) {
            return null;
        }
        Path file = path.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new SetupException(option + " " + path + " is a folder; give a file name, e.g. " + file.resolve("conformance" + extension(option)));
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SetupException(option + " " + path + ": cannot create the folder " + file.getParent() + " (" + e.getMessage() + ")");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(file.getParent())) {
            throw new SetupException(option + " " + path + ": not writable");
        }
        return file;
    }

    private static String extension(String option) {
        return switch (option) {
            case "--junit" -> ".xml";
            case "--json" -> ".json";
            default -> ".html";
        };
    }
}
