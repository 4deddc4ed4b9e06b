package org.p2pkit.index;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Logging of the command line: one line per event on standard error,
 * {@code <time> <LEVEL> <message>}, at the chosen level. Library users configure logging themselves.
 */
final class LogSetup {
    /** Kept so the configuration is not garbage-collected with a weakly held logger. */
    private static Logger configured;
    private static Logger configuredMember;

    private LogSetup() {
    }

    static void configure(LogLevel level, PrintStream err) {
        Logger logger = Logger.getLogger("org.p2pkit");
        for (Handler old : logger.getHandlers()) {
            logger.removeHandler(old);
        }
        // java.util.logging closes its handlers in a shutdown hook; a StreamHandler would close
        // standard error with it, and lines written by other shutdown hooks would be lost.
        OutputStream unclosable = new FilterOutputStream(err) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                err.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        Handler handler = new StreamHandler(unclosable, new OneLine()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level.julLevel);
        logger.addHandler(handler);
        logger.setLevel(level.julLevel);
        logger.setUseParentHandlers(false);
        configured = logger;
        // The cluster member's own log (Hazelcast's): its warnings, and its INFO lines (members joining and
        // leaving, partitions moving) only from DEBUG on, so that the index's console stays readable.
        Logger member = Logger.getLogger("com.hazelcast");
        for (Handler old : member.getHandlers()) {
            member.removeHandler(old);
        }
        member.addHandler(handler);
        member.setLevel(level.julLevel.intValue() < Level.INFO.intValue() ? Level.INFO
                : level.julLevel.intValue() < Level.WARNING.intValue() ? Level.WARNING : level.julLevel);
        member.setUseParentHandlers(false);
        configuredMember = member;
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(160)
                    .append(Instant.ofEpochMilli(record.getMillis()))
                    .append(' ').append(record.getLevel().getName())
                    .append(' ').append(formatMessage(record));
            if (record.getThrown() != null) {
                line.append(" error=\"").append(record.getThrown()).append('"');
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
