package org.p2pkit.model;

import java.util.List;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an orderly stop after which the command exits with status
 * 0: the JVM's own handling runs the shutdown hooks and then exits with 130 or 143, which no hook
 * can change. Shared by the index's and the peer's command lines, which both depend on this module.
 */
public final class StopSignals {
    private StopSignals() {
    }

    /**
     * Runs {@code stop} on the JVM's signal thread when either signal arrives. A signal the parent
     * ignores (a background job of a non-interactive shell) stays ignored; where the JVM reserves
     * the signals ({@code -Xrs}) its default handling stays.
     */
    public static void onStop(Runnable stop) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException reserved) {
                // keep the default: the process still stops, with status 128 + the signal number
            }
        }
    }
}
