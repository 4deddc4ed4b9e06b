package org.p2pkit.peer;

/** Receives how far a download is; called from the downloading thread. */
public interface Progress {
    /** Nothing to show. */
    Progress NONE = new Progress() {
        @Override
        public void update(long bytes) {
        }

        @Override
        public void finish(long bytes, boolean complete) {
        }
    };

    /** {@code bytes} of content received so far. */
    void update(long bytes);

    /** The download ended, complete or not. */
    void finish(long bytes, boolean complete);
}
