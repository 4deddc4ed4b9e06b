package org.p2pkit.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.function.Function;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerName;

/**
 * The classic console: reads whitespace-separated words exactly as the original peer does (its
 * name, a first content that it registers at once, then the menu 1 to 5; spec section 10), so
 * whatever drives the original drives this one. The content server keeps serving meanwhile.
 */
public final class Console {
    /** Starts a peer once its name is known. */
    @FunctionalInterface
    public interface PeerStarter {
        Peer start(PeerName name) throws IOException;
    }

    private static final String MENU = String.join(System.lineSeparator(),
            "  1 <content>   register a content (share the file <content>.txt)",
            "  2 <content>   download a content, then register it",
            "  3 <content>   deregister a content",
            "  4             list all contents at the index",
            "  5             leave the index and exit",
            "  ?             show this menu");

    private final BufferedReader input;
    private final Queue<String> words = new ArrayDeque<>(); // the words left on the current line
    private final PrintStream out;
    private final PrintStream err;
    private final PeerStarter starter;
    private final Function<ContentName, Progress> progress;

    public Console(InputStream in, PrintStream out, PrintStream err, PeerStarter starter, Function<ContentName, Progress> progress) {
        this.input = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        this.out = out;
        this.err = err;
        this.starter = starter;
        this.progress = progress;
    }

    /**
     * Runs the session until {@code 5} or the end of input; both leave the index.
     *
     * @param presetName the name from the command line, or null to ask for it
     * @param presetShares contents from the command line; with a preset name or any of these, the
     *     first-content prompt is skipped
     * @return 0 once the peer left
     * @throws IOException when the peer cannot start (share folder, port, index address)
     */
    public int run(PeerName presetName, List<ContentName> presetShares) throws IOException {
        PeerName name = presetName != null ? presetName : askName();
        if (name == null) {
            return 0; // input ended before a name: nothing was registered
        }
        Peer peer = starter.start(name);
        try (peer) {
            out.println("Peer " + name + " serves contents at " + peer.address() + " from " + peer.store().folder());
            if (presetName == null && presetShares.isEmpty()) {
                String first = ask("Content to share: ");
                if (first == null) {
                    return leave(peer);
                }
                share(peer, first);
            }
            for (ContentName content : presetShares) {
                share(peer, content.value());
            }
            out.println("Menu:");
            out.println(MENU);
            return menu(peer);
        }
    }

    private int menu(Peer peer) {
        while (true) {
            String choice = ask("Choice (1-5, ? for the menu): ");
            if (choice == null) {
                out.println();
                return leave(peer); // EOF on stdin: leave like 5
            }
            switch (choice) {
                case "1", "2", "3" -> {
                    String content = ask("Content name: ");
                    if (content == null) {
                        out.println();
                        return leave(peer);
                    }
                    switch (choice) {
                        case "1" -> share(peer, content);
                        case "2" -> download(peer, content);
                        default -> unshare(peer, content);
                    }
                }
                case "4" -> list(peer);
                case "5" -> {
                    return leave(peer);
                }
                case "?", "h", "help", "0" -> out.println(MENU);
                default -> err.println("Unknown choice '" + choice + "': type 1 to 5, or ? for the menu.");
            }
        }
    }

    private PeerName askName() {
        while (true) {
            String token = ask("Peer name (1-9 characters): ");
            if (token == null) {
                return null;
            }
            try {
                return new PeerName(token); // names too long are refused, never cut (NAME-1)
            } catch (IllegalArgumentException e) {
                err.println("Error: " + e.getMessage());
            }
        }
    }

    private void share(Peer peer, String token) {
        ContentName content = contentName(token);
        if (content == null) {
            return;
        }
        try {
            peer.share(content);
            out.println("Registered '" + content + "' (" + peer.store().resolve(content).getFileName() + ").");
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private void unshare(Peer peer, String token) {
        ContentName content = contentName(token);
        if (content == null) {
            return;
        }
        try {
            peer.unshare(content);
            out.println("Deregistered '" + content + "'.");
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private void download(Peer peer, String token) {
        ContentName content = contentName(token);
        if (content == null) {
            return;
        }
        try {
            DownloadResult result = peer.download(content, progress.apply(content));
            out.println(result.summary());
            result.registrationFailure().ifPresentOrElse(
                    e -> err.println("Error: the download is complete, but registering it failed: " + e.getMessage()),
                    () -> out.println("Registered '" + content + "'."));
        } catch (FileDiffersException e) {
            err.println("Error: " + e.getMessage() + " (move it away to download '" + content + "' again)");
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private void list(Peer peer) {
        try {
            out.print(ListTable.format(peer.list()));
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private int leave(Peer peer) {
        peer.leave();
        out.println(farewell(peer.name()));
        return 0;
    }

    /** The line that tells the user the peer left the index (IDX-LEAVE-1); {@code serve} ends with it too. */
    public static String farewell(PeerName name) {
        return "Deregistered " + name + " from the index, bye.";
    }

    private ContentName contentName(String token) {
        try {
            return new ContentName(token);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return null;
        }
    }

    /**
     * The next word, or null at the end of input. Words run across lines, as for the original; the
     * prompt shows only when the current line has none left, so {@code 2 song} on one line asks for
     * nothing more, while a bare {@code 2} asks for the content.
     */
    private String ask(String prompt) {
        while (words.isEmpty()) {
            out.print(prompt);
            out.flush();
            String line;
            try {
                line = input.readLine();
            } catch (IOException e) {
                err.println("Error: cannot read the input: " + e.getMessage());
                return null;
            }
            if (line == null) {
                return null;
            }
            String text = line.trim();
            if (!text.isEmpty()) {
                words.addAll(List.of(text.split("\\s+")));
            }
        }
        return words.remove();
    }
}
