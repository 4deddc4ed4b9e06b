package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Content names map to files inside the share folder and nowhere else (XFER-10); NUL files are refused (XFER-6). */
class ContentStoreTest {
    @TempDir
    Path root;

    @Test
    void mapsAContentToItsTxtFileAsTheOriginalDoes() throws Exception {
        ContentStore store = new ContentStore(root);
        assertEquals(root.toRealPath().resolve("song.txt"), store.resolve(ContentName.of("song")));
    }

    @Test
    void followsAConfiguredPattern() throws Exception {
        ContentStore store = new ContentStore(root, "music/{name}.mp3.txt");
        assertEquals(root.toRealPath().resolve("music/song.mp3.txt"), store.resolve(ContentName.of("song")));
    }

    @Test
    void refusesDotDotAndDotNamesWhenThePatternIsTheBareName() throws Exception {
        ContentStore store = new ContentStore(share(), "{name}");
        for (String name : new String[] {"..", "."}) {
            ContentStoreException e = assertThrows(ContentStoreException.class, () -> store.resolve(ContentName.of(name)));
            assertTrue(e.getMessage().contains("XFER-10"), e.getMessage());
        }
    }

    @Test
    void refusesAPatternThatLeadsUpOrOut() throws Exception {
        Path share = share();
        for (String pattern : new String[] {"../{name}.txt", "a/../../{name}.txt", "/tmp/{name}.txt", "{name}/../../x"}) {
            ContentStore store = new ContentStore(share, pattern);
            assertThrows(ContentStoreException.class, () -> store.resolve(ContentName.of("x")), pattern);
        }
    }

    @Test
    void refusesAPatternWithoutThePlaceholder() {
        ContentStoreException e = assertThrows(ContentStoreException.class, () -> new ContentStore(root, "song.txt"));
        assertTrue(e.getMessage().contains("{name}"), e.getMessage());
    }

    @Test
    void refusesASymbolicLinkThatLeadsOutOfTheFolder() throws Exception {
        Path share = share();
        Path secret = Files.writeString(root.resolve("secret.txt"), "outside\n");
        Files.createSymbolicLink(share.resolve("x.txt"), secret);
        Files.createSymbolicLink(share.resolve("up"), root);
        ContentStore store = new ContentStore(share);
        assertThrows(ContentStoreException.class, () -> store.resolve(ContentName.of("x")));
        ContentStore viaFolder = new ContentStore(share, "up/{name}.txt");
        assertThrows(ContentStoreException.class, () -> viaFolder.resolve(ContentName.of("secret")));
    }

    @Test
    void acceptsASymbolicLinkThatStaysInside() throws Exception {
        Path share = share();
        Files.writeString(share.resolve("real.txt"), "inside\n");
        Files.createSymbolicLink(share.resolve("alias.txt"), share.resolve("real.txt"));
        assertEquals(7, new ContentStore(share).checkShareable(ContentName.of("alias")));
    }

    @Test
    void refusesToShareAFileHoldingANul() throws Exception {
        Files.write(root.resolve("bin.txt"), new byte[] {'a', 'b', 0, 'c'});
        ContentStoreException e = assertThrows(ContentStoreException.class, () -> new ContentStore(root).checkShareable(ContentName.of("bin")));
        assertTrue(e.getMessage().contains("NUL byte at offset 2"), e.getMessage());
        assertTrue(e.getMessage().contains("XFER-6"), e.getMessage());
    }

    @Test
    void refusesToShareAMissingFileNamingTheFileItLookedFor() throws Exception {
        ContentStoreException e = assertThrows(ContentStoreException.class, () -> new ContentStore(root).checkShareable(ContentName.of("nope")));
        assertTrue(e.getMessage().contains("nope.txt"), e.getMessage());
    }

    @Test
    void refusesAFolderThatDoesNotExist() {
        assertThrows(ContentStoreException.class, () -> new ContentStore(root.resolve("missing")));
    }

    @Test
    void noNameEverResolvesOutsideTheFolder() throws IOException {
        // Names made of the characters that mean something in a path, and letters.
        Gen<Character> nameChar = Generate.pick(List.of('.', '\\', '~', '$', ':', 'a', 'b', 'c'));
        Gen<String> names = SourceDSL.lists().of(nameChar).ofSizeBetween(1, 9)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
        Gen<String> patterns = Generate.pick(List.of("{name}", "{name}.txt", "./{name}", "d/{name}", "{name}/{name}", "../{name}", "{name}/.."));
        Path share = share();
        qt().withExamples(300).forAll(names, patterns).checkAssert((name, pattern) -> {
            try {
                staysInside(new ContentStore(share, pattern), ContentName.of(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void staysInside(ContentStore store, ContentName name) {
        try {
            Path file = store.resolve(name);
            assertTrue(file.startsWith(store.folder()) && !file.equals(store.folder()), file.toString());
        } catch (ContentStoreException refused) {
            // refusing is fine; leaving the folder is not
        }
    }

    private Path share() throws IOException {
        return Files.createDirectory(root.resolve("share"));
    }
}
