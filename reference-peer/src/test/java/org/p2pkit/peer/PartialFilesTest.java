package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary files of downloads (SEC-15): they name their writer's process, and a start removes
 * those whose writer is gone, never one a live process writes and never any other file.
 */
class PartialFilesTest {
    @TempDir
    Path folder;

    @Test
    void aPartialFileIsHiddenBesideItsTargetAndNamesItsWriter() throws IOException {
        Path partial = PartialFiles.create(folder.resolve("song.txt"));
        assertEquals(folder.toAbsolutePath(), partial.getParent());
        assertTrue(partial.getFileName().toString().matches("\\.song\\.txt\\." + ProcessHandle.current().pid() + "\\.[0-9a-f]{16}\\.part"),
                partial.toString());
        assertEquals(0, Files.size(partial));
    }

    @Test
    void theFileOfAProcessThatIsGoneIsRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(10, TimeUnit.SECONDS));
        Path stale = touch(".song.txt." + ended.pid() + ".00000000deadbeef.part");
        assertEquals(List.of(stale), PartialFiles.removeStale(folder));
        assertEquals(List.of(), TestFiles.names(folder));
    }

    @Test
    void theFileOfALiveProcessIsKeptOursToo() throws Exception {
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            touch(".song.txt." + live.pid() + ".0123456789abcdef.part");
            touch(".tune.txt." + ProcessHandle.current().pid() + ".0123456789abcdef.part");
            assertEquals(List.of(), PartialFiles.removeStale(folder));
            assertEquals(2, TestFiles.names(folder).size());
        } finally {
            live.destroyForcibly();
        }
    }

    @Test
    void theFileOfAProcessIdThatALaterProcessTookOverIsRemoved() throws Exception {
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Path stale = touch(".song.txt." + live.pid() + ".0123456789abcdef.part");
            // last written an hour before that process started: its writer was an earlier one with the same id
            Files.setLastModifiedTime(stale, FileTime.from(live.info().startInstant().orElseThrow().minus(Duration.ofHours(1))));
            assertEquals(List.of(stale), PartialFiles.removeStale(folder));
        } finally {
            live.destroyForcibly();
        }
    }

    @Test
    void noOtherFileIsTouched() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(10, TimeUnit.SECONDS));
        String gone = Long.toString(ended.pid());
        List<String> others = List.of("song.txt", ".song.txt.part", ".song.txt.1a2b3c.part", "notes.part",
                ".song.txt." + gone + ".0123456789abcdef.part.txt", ".song.txt." + gone + ".0123456789ABCDEF.part",
                "song.txt." + gone + ".0123456789abcdef.part");
        for (String name : others) {
            touch(name);
        }
        Files.createDirectory(folder.resolve(".dir.txt." + gone + ".0123456789abcdef.part"));
        Files.createDirectory(folder.resolve("sub"));
        Path below = Files.createFile(folder.resolve("sub").resolve(".song.txt." + gone + ".0123456789abcdef.part"));
        assertEquals(List.of(), PartialFiles.removeStale(folder));
        assertEquals(others.size() + 2, TestFiles.names(folder).size());
        assertTrue(Files.exists(below), "only the share folder itself is cleaned");
    }

    private Path touch(String name) throws IOException {
        return Files.createFile(folder.resolve(name));
    }
}
