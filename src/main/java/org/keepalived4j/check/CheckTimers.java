package org.keepalived4j.check;

/** Timers of the checker thread (a port: netty's event loop, or a manual clock in tests). */
@FunctionalInterface
public interface CheckTimers {
    /** Runs {@code task} on the checker thread after {@code delayMicros} microseconds. */
    Cancellable schedule(long delayMicros, Runnable task);
}
