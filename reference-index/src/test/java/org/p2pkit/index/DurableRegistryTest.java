package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ContentStamp;
import org.p2pkit.model.ErrorReply;
import org.p2pkit.model.Message;
import org.p2pkit.model.Registration;

/** The registry kept in a data folder keeps the contract, and a restart gives back what it held (PERSIST-*). */
class DurableRegistryTest extends RegistryContract {
    private static final ContentStamp STAMP =
            new ContentStamp(12, "b3d0b8f4bdc7e76252175773e69029121bafdff961d061aa93009b33ae38fb6f");
    private static final InetSocketAddress ALICE_SOURCE = new InetSocketAddress("127.0.0.1", 5001);
    private static final InetSocketAddress OTHER_SOURCE = new InetSocketAddress("127.0.0.1", 5002);

    @TempDir
    static Path folders;
    private static final AtomicInteger FOLDER = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    protected Registry newRegistry(IndexLimits limits) {
        return DurableRegistry.open(folders.resolve("contract-" + FOLDER.incrementAndGet()), limits, Probing.DEFAULTS);
    }

    @Test
    @DisplayName("PERSIST-1: after any sequence of operations and a restart, the registry holds the same peers, contents, "
            + "served counts and list order, and the next searches choose as if it had not stopped")
    void aRestartGivesBackEverything() {
        qt().withExamples(60).forAll(Steps.sequences(operation(), 1, 60)).checkAssert(operations -> {
            Path folder = folders.resolve("restart-" + FOLDER.incrementAndGet());
            LocalRegistry twin = new LocalRegistry(IndexLimits.DEFAULTS);
            try (DurableRegistry before = DurableRegistry.open(folder, IndexLimits.DEFAULTS, Probing.DEFAULTS)) {
                for (RegistryContract.Op op : operations) {
                    op.apply(before);
                    op.apply(twin);
                }
            }
            try (DurableRegistry after = DurableRegistry.open(folder, IndexLimits.DEFAULTS, Probing.DEFAULTS)) {
                assertEquals(twin.snapshot(), after.snapshot());
                for (int n = 0; n < 11; n++) {
                    ContentName content = ContentName.of("c" + n);
                    for (int search = 0; search < 3; search++) {
                        assertEquals(String.valueOf(twin.search(content)), String.valueOf(after.search(content)));
                    }
                }
            }
        });
    }

    @Test
    @DisplayName("PERSIST-1, SEC-1, EXT-5: a restart keeps each name's owner and each registration's stamp")
    void aRestartKeepsOwnersAndStamps() {
        try (DurableRegistry registry = open()) {
            assertEquals(RegistrationOutcome.REGISTERED, registry.register(peer("alice"), content("song"),
                    address("127.0.0.1", 4001), Optional.of(STAMP), ALICE_SOURCE, System.nanoTime()));
            assertEquals(RegistrationOutcome.REGISTERED, registry.register(peer("alice"), content("poem"),
                    address("127.0.0.1", 4001), Optional.empty(), ALICE_SOURCE, System.nanoTime()));
        }
        try (DurableRegistry registry = open()) {
            assertEquals(Optional.of(STAMP), registry.search(content("song")).stamp());
            assertEquals(RemovalOutcome.NOT_OWNER, registry.deregister(peer("alice"), content("poem"), OTHER_SOURCE));
            assertEquals(RemovalOutcome.REMOVED, registry.deregister(peer("alice"), content("poem"), ALICE_SOURCE));
        }
        try (DurableRegistry registry = open()) {
            assertEquals(1, registry.registrationCount(), "the deregistration was kept too");
            assertEquals(RegistrationOutcome.OWNER_UNCHECKED, registry.register(peer("alice"), content("poem"),
                    address("127.0.0.1", 4001), Optional.empty(), OTHER_SOURCE, System.nanoTime()));
        }
    }

    @Test
    @DisplayName("PERSIST-4: after a restart no holder counts as seen: a search probes it before naming it (SEC-7)")
    void restoredHoldersAreProbedBeforeTheyAreNamed() {
        try (DurableRegistry registry = open()) {
            registry.register(peer("alice"), content("song"), address("127.0.0.1", 4001));
            assertInstanceOf(Choice.Named.class, registry.search(content("song"), System.nanoTime()));
        }
        try (DurableRegistry registry = open()) {
            assertInstanceOf(Choice.ProbeFirst.class, registry.search(content("song"), System.nanoTime()));
        }
    }

    @Test
    @DisplayName("PERSIST-2: a store that cannot be written refuses changes with E \"Index cannot store changes now\", "
            + "changes nothing, and searches go on")
    void aStoreThatCannotBeWrittenRefusesChangesAndKeepsAnswering() {
        RegistryStore store = RegistryStore.open(dir);
        DurableRegistry registry = new DurableRegistry(new LocalRegistry(IndexLimits.DEFAULTS), store);
        registry.register(peer("alice"), content("song"), address("127.0.0.1", 4001));
        store.closeWithoutWriting(); // as after a failed write: every change fails from now on
        RequestHandler handler = new RequestHandler(registry);
        List<Message> replies = handler.handle(new Registration(peer("bob"), content("poem"), address("127.0.0.1", 4002)));
        assertEquals(List.of(new ErrorReply("Index cannot store changes now")), replies);
        assertEquals(1, registry.registrationCount(), "the refused registration is not kept in memory either");
        assertEquals(RemovalOutcome.NOT_STORED, registry.deregister(peer("alice"), content("song"), null));
        assertEquals("alice", registry.search(content("song")).holder().value(), "searches go on");
        registry.close();
    }

    @Test
    @DisplayName("PERSIST-5: a corrupt registry file stops the start with an error naming it, and is left as it was")
    void aCorruptFileIsNamedAndLeftAlone() throws IOException {
        Path file = dir.resolve(RegistryStore.FILE_NAME);
        byte[] garbage = new byte[8192];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, garbage);
        RegistryStoreException e = assertThrows(RegistryStoreException.class, this::open);
        assertTrue(e.getMessage().startsWith(file.toString()), e::getMessage);
        assertArrayEquals(garbage, Files.readAllBytes(file), "nothing overwritten");
    }

    @Test
    @DisplayName("PERSIST-5: a data folder in use by another index is refused with an error naming the file")
    void aFolderInUseIsRefused() {
        try (DurableRegistry first = open()) {
            first.register(peer("alice"), content("song"), address("127.0.0.1", 4001));
            RegistryStoreException e = assertThrows(RegistryStoreException.class, this::open);
            assertTrue(e.getMessage().startsWith(dir.resolve(RegistryStore.FILE_NAME).toString()), e::getMessage);
            assertEquals(1, first.registrationCount());
        }
    }

    @Test
    @DisplayName("PERSIST-5: data that holds more than the limits allow stops the start with an error naming the file")
    void dataBeyondTheLimitsIsRefused() {
        try (DurableRegistry registry = open()) {
            registry.register(peer("alice"), content("song"), address("127.0.0.1", 4001));
            registry.register(peer("bob"), content("song"), address("127.0.0.1", 4002));
        }
        RegistryStoreException e = assertThrows(RegistryStoreException.class,
                () -> DurableRegistry.open(dir, new IndexLimits(1, 10, 10), Probing.DEFAULTS));
        assertTrue(e.getMessage().contains("PEER_LIMIT"), e::getMessage);
        try (DurableRegistry registry = open()) {
            assertEquals(2, registry.registrationCount(), "the refused start wrote nothing");
        }
    }

    private DurableRegistry open() {
        return DurableRegistry.open(dir, IndexLimits.DEFAULTS, Probing.DEFAULTS);
    }
}
