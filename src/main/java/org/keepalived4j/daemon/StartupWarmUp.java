package org.keepalived4j.daemon;

import org.keepalived4j.net.NativeWarmUp;

/**
 * Start-up work that does not depend on the command line, done on a thread of its own while the
 * main thread parses the command line and the configuration (~170 ms of a cold start, on another
 * core): binding the C library, and initialising slf4j's logback provider (which {@link DaemonLog}
 * then resets and configures; nothing logs through slf4j before that). Nothing here changes what
 * the daemon does, only when the JVM does the work.
 */
public final class StartupWarmUp {
    private StartupWarmUp() {
    }

    /** Start the warm-up in the background; returns at once. */
    public static void start() {
        Thread t = new Thread(StartupWarmUp::run, "startup-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        NativeWarmUp.bind();
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
        } catch (RuntimeException | LinkageError ignored) {   // DaemonLog's own call reports a broken binding
        }
    }
}
