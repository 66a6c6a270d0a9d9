package org.keepalived4j.daemon;

/**
 * Installs signal handlers (HotSpot's sun.misc.Signal). Handlers run on a JVM signal thread
 * and must only post to the event loop.
 */
final class Signals {
    private Signals() {
    }

    /** @return false when the JVM refuses the signal (e.g. USR2 without the launcher's -XX flags) */
    static boolean on(String name, Runnable handler) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.run());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
