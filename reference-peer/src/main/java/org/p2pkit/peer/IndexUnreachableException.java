package org.p2pkit.peer;

import java.net.InetSocketAddress;

/** No reply from the index after every try (spec UDP-2). */
public final class IndexUnreachableException extends IndexException {
    private static final long serialVersionUID = 1L;

    public IndexUnreachableException(InetSocketAddress index, int tries, String detail) {
        super("no reply from the index at " + IndexClient.describe(index) + " after " + tries
                + (tries == 1 ? " try" : " tries") + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }
}
