package org.p2pkit.index;

import java.util.List;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;

/**
 * One page of the list reply: its entries and the E that closes it (spec IDX-LIST-3 to IDX-LIST-5).
 *
 * @param entries the entries of this page, never empty ones (IDX-LIST-7)
 * @param end {@link ListEnd#COMPLETE}, or where the next page starts
 */
public record ListPage(List<ListEntry> entries, ListEnd end) {
    public ListPage {
        entries = List.copyOf(entries);
    }
}
