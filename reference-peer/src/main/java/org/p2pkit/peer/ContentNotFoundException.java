package org.p2pkit.peer;

import org.p2pkit.model.ContentName;

/** No peer holds the content: the index answered the search with "File not found!" (spec IDX-SEARCH-5). */
public final class ContentNotFoundException extends IndexErrorException {
    private static final long serialVersionUID = 1L;

    public ContentNotFoundException(ContentName content, String reason) {
        super("no peer has '" + content + "' (the index answered: " + reason + ")", reason);
    }
}
