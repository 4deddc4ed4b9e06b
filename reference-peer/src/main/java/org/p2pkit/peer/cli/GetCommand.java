package org.p2pkit.peer.cli;

import java.util.concurrent.Callable;
import org.p2pkit.model.ContentName;
import org.p2pkit.peer.DownloadResult;
import org.p2pkit.peer.FileDiffersException;
import org.p2pkit.peer.Peer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code get CONTENT}: search, download, register (XFER-9), leave. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Download a content, register it at the index, then leave.",
            "The file appears in the share folder only when the download is complete;",
            "a failed download leaves nothing behind and registers nothing. A file of",
            "the same name that differs from the download is kept (exit code 6) unless",
            "--force is given; an identical one is fine. Ends with one line: bytes,",
            "seconds, MB/s, the holder and whether the file was verified (its SHA-256",
            "against the stamp the holder and the index announced).",
        })
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONTENT", converter = Converters.Content.class, description = "The content to download (1-9 characters).")
    ContentName content;

    @Option(names = "--force", description = "Replace a file of the same name that differs from the download "
            + "(without it, such a file is kept and get exits with 6; an identical one is fine).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        main.configureLogging(false);
        try (Peer peer = main.startPeer(main.nameOrDefault())) {
            peer.leaveOnExit();
            for (ContentName shared : main.shares) {
                peer.share(shared);
            }
            DownloadResult result;
            try {
                result = peer.download(content, main.progressFor(content), force);
            } catch (FileDiffersException e) {
                main.stderr.println("p2p-peer: " + e.getMessage() + " (use --force to replace it)");
                return ExitCode.CONTENT_ERROR;
            }
            main.stdout.println(result.summary());
            if (result.registrationFailure().isPresent()) {
                Exception failure = result.registrationFailure().get();
                main.stderr.println("p2p-peer: the download is complete, but registering it failed: " + Main.message(failure));
                return ExitCode.of(failure);
            }
            return ExitCode.OK;
        }
    }
}
