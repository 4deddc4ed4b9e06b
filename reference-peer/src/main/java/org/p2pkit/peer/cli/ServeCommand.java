package org.p2pkit.peer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.p2pkit.model.ContentName;
import org.p2pkit.peer.Peer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code serve}: register contents and serve them until the process is stopped; then leave. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Register contents and serve them until Ctrl-C or SIGTERM, then leave.",
            "Registers the CONTENTs given here and every --share. No console: for",
            "scripts, services and tests.",
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
        try (Peer peer = main.startPeer(main.nameOrDefault())) {
            peer.leaveOnExit();
            for (ContentName content : all) {
                peer.share(content);
                main.stdout.println("Registered '" + content + "' (" + peer.store().resolve(content) + ")");
            }
            main.stdout.println("Peer " + peer.name() + " serves at " + peer.address() + "; Ctrl-C to leave.");
            main.stdout.flush();
            try {
                new CountDownLatch(1).await(); // until the JVM stops (the exit hook leaves) or interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ExitCode.OK;
        }
    }
}
