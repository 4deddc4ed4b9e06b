package org.p2pkit.peer;

import java.util.List;
import java.util.stream.Collectors;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListEntry;

/** Formats the index's list (IDX-LIST-2) as a table: one line per entry, peer then contents. */
public final class ListTable {
    private ListTable() {
    }

    public static String format(List<ListEntry> entries) {
        if (entries.isEmpty()) {
            return "The index lists no contents.\n";
        }
        StringBuilder table = new StringBuilder(String.format("%-9s  %s%n", "PEER", "CONTENTS"));
        int contents = 0;
        for (ListEntry entry : entries) {
            contents += entry.contents().size();
            table.append(String.format("%-9s  %s%n", entry.peer(),
                    entry.contents().stream().map(ContentName::value).collect(Collectors.joining(" "))));
        }
        long peers = entries.stream().map(ListEntry::peer).distinct().count();
        table.append(String.format("(%d %s, %d %s)%n", peers, peers == 1 ? "peer" : "peers",
                contents, contents == 1 ? "content" : "contents"));
        return table.toString();
    }
}
