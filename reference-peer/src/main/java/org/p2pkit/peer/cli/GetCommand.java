package org.p2pkit.peer.cli;

import java.util.concurrent.Callable;
import org.p2pkit.model.ContentName;
import org.p2pkit.peer.DownloadResult;
import org.p2pkit.peer.Peer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code get CONTENT}: search, download, register (XFER-9), leave. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Download a content, register it at the index, then leave.",
            "The file appears in the share folder only when the download is complete;",
            "a failed download leaves nothing behind and registers nothing.",
        })
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONTENT", converter = Converters.Content.class, description = "The content to download (1-9 characters).")
    ContentName content;

    @Override
    public Integer call() throws Exception {
        main.configureLogging(false);
        try (Peer peer = main.startPeer(main.nameOrDefault())) {
            peer.leaveOnExit();
            for (ContentName shared : main.shares) {
                peer.share(shared);
            }
            DownloadResult result = peer.download(content, main.progressFor(content));
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
