package org.p2pkit.peer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerName;
import org.p2pkit.peer.Console;
import org.p2pkit.peer.Peer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code serve}: register contents and serve them until the process is stopped; then leave. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Register contents and serve them until Ctrl-C or SIGTERM, then leave.",
            "Registers the CONTENTs given here and every --share. No console: for",
            "scripts, services and tests. Ctrl-C or SIGTERM deregisters the peer from",
            "the index, prints one line saying so and exits with status 0.",
        })
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONTENT", arity = "0..*", converter = Converters.Content.class,
            description = "Contents to register, in addition to --share.")
    List<ContentName> contents = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        main.configureLogging(true);
        List<ContentName> all = new ArrayList<>(main.shares);
        all.addAll(contents);
        CountDownLatch stop = new CountDownLatch(1);
        main.onStop(stop::countDown);
        PeerName name = main.nameOrDefault();
        try (Peer peer = main.startPeer(name)) {
            peer.leaveOnExit(); // SIGHUP (the terminal closed) leaves the index too
            for (ContentName content : all) {
                peer.share(content);
                main.stdout.println("Registered '" + content + "' (" + peer.store().resolve(content) + ")");
            }
            main.stdout.println("Peer " + name + " serves at " + peer.address() + "; Ctrl-C to leave.");
            main.stdout.flush();
            try {
                stop.await(); // Ctrl-C, SIGTERM, or an interrupt (in-process runs)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } // leaves the index (IDX-LEAVE-1)
        main.stdout.println(Console.farewell(name));
        return ExitCode.OK;
    }
}
