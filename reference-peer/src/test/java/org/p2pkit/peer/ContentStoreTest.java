package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;

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

    @Property(tries = 300)
    void noNameEverResolvesOutsideTheFolder(
            @ForAll @StringLength(min = 1, max = 9) @Chars({'.', '\\', '~', '$', ':'}) @CharRange(from = 'a', to = 'c') String name,
            @ForAll("patterns") String pattern) throws IOException {
        ContentStore store = new ContentStore(propertyShare(), pattern);
        try {
            Path file = store.resolve(ContentName.of(name));
            assertTrue(file.startsWith(store.folder()) && !file.equals(store.folder()), file.toString());
        } catch (ContentStoreException refused) {
            // refusing is fine; leaving the folder is not
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> patterns() {
        return net.jqwik.api.Arbitraries.of("{name}", "{name}.txt", "./{name}", "d/{name}", "{name}/{name}", "../{name}", "{name}/..");
    }

    private static Path propertyShare;

    /** One empty folder for all tries of the property, removed when the JVM ends. */
    private static synchronized Path propertyShare() throws IOException {
        if (propertyShare == null) {
            Path parent = Files.createTempDirectory("p2p-store");
            propertyShare = Files.createDirectory(parent.resolve("share"));
            parent.toFile().deleteOnExit();
            propertyShare.toFile().deleteOnExit();
        }
        return propertyShare;
    }

    private Path share() throws IOException {
        return Files.createDirectory(root.resolve("share"));
    }
}
