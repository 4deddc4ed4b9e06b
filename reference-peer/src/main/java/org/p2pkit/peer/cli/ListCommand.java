package org.p2pkit.peer.cli;

import java.util.concurrent.Callable;
import org.p2pkit.peer.IndexClient;
import org.p2pkit.peer.ListTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code list}: print every peer and its contents (IDX-LIST-1). */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print every peer and its contents, as the index lists them.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        main.configureLogging(false);
        try (IndexClient index = new IndexClient(main.index, main.indexOptions())) {
            main.stdout.print(ListTable.format(index.list(main.nameOrDefault())));
        }
        return ExitCode.OK;
    }
}
