package org.p2pkit.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pkit.model.ContentDeregistration;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Message;
import org.p2pkit.model.PeerDeregistration;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.Registration;
import org.p2pkit.model.SearchRequest;

/** The classic console: the original peer's input sequence drives the whole menu flow. */
class ConsoleTest {
    private static final PeerName ALICE = PeerName.of("alice");

    @TempDir
    Path root;
    private FakeIndex index;
    private Path aliceFolder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Peer> started = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        index = FakeIndex.start();
        aliceFolder = Files.createDirectories(root.resolve("alice"));
        TestFiles.write(aliceFolder, "song", TestFiles.lines(5));
        TestFiles.write(aliceFolder, "x", TestFiles.lines(7));
    }

    @AfterEach
    void stop() throws IOException {
        for (Peer peer : started) {
            peer.close();
        }
        index.close();
    }

    @Test
    void aScriptedSessionRunsTheWholeMenuFlow() throws Exception {
        byte[] y = TestFiles.lines(400);
        Peer bob = peer(PeerName.of("bob"), Files.createDirectories(root.resolve("bob")));
        TestFiles.write(bob.store().folder(), "y", y);
        bob.share(ContentName.of("y"));

        int status = console("alice song\n1 x\n2 y\n3 x\n4\n5\n").run(null, List.of());

        assertEquals(0, status, err.toString());
        PeerAddress aliceAt = started.get(1).address();
        assertEquals(List.<Message>of(
                new Registration(ALICE, ContentName.of("song"), aliceAt),
                new Registration(ALICE, ContentName.of("x"), aliceAt),
                new SearchRequest(ALICE, ContentName.of("y")),
                new Registration(ALICE, ContentName.of("y"), aliceAt),
                new ContentDeregistration(ALICE, ContentName.of("x")),
                new ListRequest(ALICE),
                new PeerDeregistration(ALICE),
                new PeerDeregistration(ALICE)), fromAlice(9)); // bob's R, then alice's 8
        assertArrayEquals(y, Files.readAllBytes(aliceFolder.resolve("y.txt")));
        String shown = out.toString(StandardCharsets.US_ASCII);
        for (String line : List.of("Registered 'song'", "Registered 'x'", "got y: " + y.length + " bytes in ", "Deregistered 'x'",
                "PEER       CONTENTS", "alice      song y", Console.farewell(ALICE))) {
            assertTrue(shown.contains(line), "missing '" + line + "' in:\n" + shown);
        }
        assertEquals("", err.toString());
    }

    @Test
    void theEndOfInputLeavesTheIndex() throws Exception {
        assertEquals(0, console("alice song").run(null, List.of()));
        assertEquals(List.<Message>of(
                new Registration(ALICE, ContentName.of("song"), started.get(0).address()),
                new PeerDeregistration(ALICE),
                new PeerDeregistration(ALICE)), fromAlice(3));
    }

    @Test
    void namesTooLongAreRefusedBeforeAnythingIsSentAndAskedAgain() throws Exception {
        assertEquals(0, console("alice_is_too_long alice song 2 abcdefghijkl 1 content_xy 5").run(null, List.of()));
        assertEquals(List.<Message>of(
                new Registration(ALICE, ContentName.of("song"), started.get(0).address()),
                new PeerDeregistration(ALICE),
                new PeerDeregistration(ALICE)), fromAlice(3));
        String errors = err.toString();
        assertTrue(errors.contains("peer name 'alice_is_too_long' has 17 characters, at most 9"), errors);
        assertTrue(errors.contains("content name 'abcdefghijkl' has 12 characters"), errors);
        assertTrue(errors.contains("content name 'content_xy' has 10 characters"), errors);
    }

    @Test
    void withANameAndSharesGivenItSkipsThosePrompts() throws Exception {
        assertEquals(0, console("4 5").run(ALICE, List.of(ContentName.of("song"), ContentName.of("x"))));
        assertEquals(List.of(Registration.class, Registration.class, ListRequest.class, PeerDeregistration.class, PeerDeregistration.class),
                index.requests(5).stream().map(Object::getClass).toList());
        String shown = out.toString();
        assertTrue(!shown.contains("Peer name") && !shown.contains("Content to share"), shown);
    }

    @Test
    void reportsAFailedDownloadAndGoesOn() throws Exception {
        assertEquals(0, console("alice song 2 nope 9 5").run(null, List.of()));
        String errors = err.toString();
        assertTrue(errors.contains("Error: no peer has 'nope' (the index answered: File not found!)"), errors);
        assertTrue(errors.contains("Unknown choice '9'"), errors);
        assertTrue(Files.notExists(aliceFolder.resolve("nope.txt")));
    }

    @Test
    void aChoiceAndItsContentOnOneLinePromptForNothingMore() throws Exception {
        Peer bob = peer(PeerName.of("bob"), Files.createDirectories(root.resolve("bob")));
        TestFiles.write(bob.store().folder(), "y", TestFiles.lines(3));
        bob.share(ContentName.of("y"));

        assertEquals(0, console("alice song\n2 y\n5\n").run(null, List.of()));
        assertArrayEquals(TestFiles.lines(3), Files.readAllBytes(aliceFolder.resolve("y.txt")));
        String shown = out.toString(StandardCharsets.US_ASCII);
        assertEquals(1, count(shown, "Peer name"), shown);
        assertEquals(0, count(shown, "Content to share"), shown);
        assertEquals(0, count(shown, "Content name"), shown);
        assertEquals(2, count(shown, "Choice"), "before 2 y and before 5:\n" + shown);
    }

    @Test
    void aBareChoicePromptsForTheContentAndWaitsForIt() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        Console console = console(new PipedInputStream(keyboard));
        FutureTask<Integer> session = new FutureTask<>(() -> console.run(null, List.of()));
        new Thread(session, "console").start();
        keyboard.write("alice\nsong\n".getBytes(StandardCharsets.US_ASCII));
        keyboard.flush();
        assertTrue(index.take() instanceof Registration);

        keyboard.write("3\n".getBytes(StandardCharsets.US_ASCII));
        keyboard.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!out.toString(StandardCharsets.US_ASCII).endsWith("Content name: ")) {
            assertTrue(System.nanoTime() < deadline, "no content prompt after a bare 3:\n" + out);
            Thread.sleep(10);
        }
        assertEquals(1, index.requests().size(), "nothing sent before the content is typed");

        keyboard.write("song\n5\n".getBytes(StandardCharsets.US_ASCII));
        keyboard.close();
        assertEquals(0, session.get(10, TimeUnit.SECONDS));
        assertEquals(new ContentDeregistration(ALICE, ContentName.of("song")), index.requests(2).get(1));
        String shown = out.toString(StandardCharsets.US_ASCII);
        assertEquals(1, count(shown, "Content to share"), shown);
        assertEquals(1, count(shown, "Content name"), shown);
    }

    @Test
    void aDownloadKeepsADifferentFileOfTheSameNameAndGoesOn() throws Exception {
        Peer bob = peer(PeerName.of("bob"), Files.createDirectories(root.resolve("bob")));
        TestFiles.write(bob.store().folder(), "x", TestFiles.lines(9));
        bob.share(ContentName.of("x"));

        assertEquals(0, console("alice song\n2 x\n4\n5\n").run(null, List.of()));
        assertArrayEquals(TestFiles.lines(7), Files.readAllBytes(aliceFolder.resolve("x.txt")));
        assertEquals("Error: 'x' exists and differs from bob's copy; " + aliceFolder.resolve("x.txt").toRealPath()
                + " was kept (move it away to download 'x' again)" + System.lineSeparator(), err.toString());
        assertTrue(out.toString().contains("alice      song" + System.lineSeparator()), "x not registered:\n" + out);
    }

    @Test
    void keepsServingWhileItWaitsForInput() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        Console console = console(stdin);
        FutureTask<Integer> session = new FutureTask<>(() -> console.run(null, List.of()));
        new Thread(session, "console").start();
        keyboard.write("alice song\n".getBytes(StandardCharsets.US_ASCII));
        keyboard.flush();
        assertTrue(index.take() instanceof Registration); // alice registered song and now waits for a choice

        Peer bob = peer(PeerName.of("bob"), Files.createDirectories(root.resolve("bob")));
        bob.download(ContentName.of("song"), Progress.NONE);
        assertArrayEquals(TestFiles.lines(5), Files.readAllBytes(bob.store().folder().resolve("song.txt")));

        keyboard.write("5\n".getBytes(StandardCharsets.US_ASCII));
        keyboard.close();
        assertEquals(0, session.get(10, TimeUnit.SECONDS));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** Alice's requests; each of her registrations carries a stamp (EXT-4), left out here to compare the rest. */
    private List<Message> fromAlice(int count) throws InterruptedException {
        return index.requests(count).stream().filter(m -> ALICE.value().equals(m.fields().get("peer"))).map(ConsoleTest::stampAside).toList();
    }

    private static Message stampAside(Message message) {
        if (message instanceof Registration r) {
            assertTrue(r.stamp().isPresent(), r.toString());
            return new Registration(r.peer(), r.content(), r.address());
        }
        return message;
    }

    private Console console(String input) {
        return console(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private Console console(InputStream in) {
        return new Console(in, new PrintStream(out, true), new PrintStream(err, true),
                name -> peer(name, aliceFolder), content -> Progress.NONE);
    }

    private synchronized Peer peer(PeerName name, Path folder) throws IOException {
        Peer peer = Peer.start(name, PeerOptions.defaults(index.address())
                .withFolder(folder)
                .withHost("127.0.0.1")
                .withIndexOptions(new IndexClient.Options(Duration.ofMillis(200), 3)));
        started.add(peer);
        return peer;
    }
}
