package org.p2pkit.index;

import java.util.logging.Level;

/** The levels of {@code --log-level}, in the words operators use, mapped to java.util.logging. */
enum LogLevel {
    OFF(Level.OFF),
    ERROR(Level.SEVERE),
    WARN(Level.WARNING),
    INFO(Level.INFO),
    DEBUG(Level.FINE),
    TRACE(Level.FINEST);

    final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }
}
