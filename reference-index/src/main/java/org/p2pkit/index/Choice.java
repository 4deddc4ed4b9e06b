package org.p2pkit.index;

import org.p2pkit.model.SearchHit;

/**
 * What a search finds (spec IDX-SEARCH-2, SEC-7): a holder to name, a holder to probe before it
 * can be named, or nobody. Each peer keeps its two choices, so a search allocates nothing.
 */
sealed interface Choice permits Choice.Named, Choice.ProbeFirst, Choice.Nobody {
    /** The holder was seen within the check interval; the search counted one more download for it (IDX-SEARCH-4). */
    record Named(SearchHit hit) implements Choice {
    }

    /** The holder was not seen within the check interval; nothing was counted (SEC-7). */
    record ProbeFirst(SearchHit hit) implements Choice {
    }

    /** Nobody holds the content (IDX-SEARCH-5). */
    enum Nobody implements Choice {
        NOBODY
    }
}
