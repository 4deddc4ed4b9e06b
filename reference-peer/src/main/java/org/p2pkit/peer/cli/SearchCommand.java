package org.p2pkit.peer.cli;

import java.util.concurrent.Callable;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.SearchHit;
import org.p2pkit.peer.ContentNotFoundException;
import org.p2pkit.peer.IndexClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code search CONTENT}: print the holder the index names (IDX-SEARCH-2). */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Print the peer the index names for a content, as: NAME HOST/PORT.",
            "The index counts each answer as one more download served by that peer.",
        })
final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "CONTENT", converter = Converters.Content.class, description = "The content to look for (1-9 characters).")
    ContentName content;

    @Override
    public Integer call() throws Exception {
        main.configureLogging(false);
        try (IndexClient index = new IndexClient(main.index, main.indexOptions())) {
            SearchHit hit = index.search(main.nameOrDefault(), content)
                    .orElseThrow(() -> new ContentNotFoundException(content, "File not found!"));
            main.stdout.println(hit.holder() + " " + hit.address());
        }
        return ExitCode.OK;
    }
}
