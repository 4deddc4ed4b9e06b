package org.p2pkit.peer;

import java.util.Optional;
import org.p2pkit.model.ContentStamp;

/**
 * A download in place (spec XFER-8, EXT-13).
 *
 * @param received the bytes received from the holder
 * @param resumedAfter the bytes kept from an earlier attempt (EXT-14), 0 for a download from the start
 * @param verification how the file was checked
 * @param stamp the stamp the file was checked against, when it was
 */
public record Fetched(long received, long resumedAfter, Verification verification, Optional<ContentStamp> stamp) {
    /** The size of the file in place. */
    public long size() {
        return resumedAfter + received;
    }
}
