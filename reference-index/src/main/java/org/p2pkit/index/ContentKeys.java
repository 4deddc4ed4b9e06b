package org.p2pkit.index;

import org.p2pkit.model.ContentName;

/**
 * A content name as a number: its characters, 7 bits each, in one long. A name is 1 to 9
 * characters of printable ASCII (NAME-1), so 63 bits always suffice, two names get the same number
 * only if they are equal, and no name gets 0. The registry's content table compares these numbers,
 * so a lookup never reads a stored name.
 */
final class ContentKeys {
    private ContentKeys() {
    }

    static long of(ContentName content) {
        String name = content.value();
        long key = 0;
        for (int i = 0; i < name.length(); i++) {
            key = key << 7 | name.charAt(i);
        }
        return key;
    }
}
