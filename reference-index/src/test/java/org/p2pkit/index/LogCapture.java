package org.p2pkit.index;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the index's log lines during a test, and keeps them off the console meanwhile. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("org.p2pkit.index");
    private final boolean parentHandlers;
    private final Level level;
    private final List<String> lines = new ArrayList<>();

    LogCapture() {
        parentHandlers = logger.getUseParentHandlers();
        level = logger.getLevel();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            lines.add(record.getMessage());
        }
    }

    /** The lines so far, and forgets them. */
    synchronized List<String> take() {
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
        logger.setLevel(level);
    }
}
