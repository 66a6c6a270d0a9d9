package org.keepalived4j.net;

/**
 * Binds the C library (jnr-ffi generates its call stubs at run time, ~150 ms of a cold start) on a
 * thread of its own, so that it overlaps the command line and configuration work of the main
 * thread instead of delaying the first advert after them. Nothing else is done here: the first real
 * call simply finds the binding ready (or waits for the class initialisation in progress, as the
 * JVM guarantees). Failures are left for that first real call to report with its errno.
 */
public final class NativeWarmUp {
    private NativeWarmUp() {
    }

    /** Start binding in the background; returns at once. */
    public static void start() {
        Thread t = new Thread(NativeWarmUp::bind, "native-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void bind() {
        try {
            Syscalls.strerror(0);
        } catch (Throwable ignored) {   // LinkageError etc.: the daemon's first system call reports it
        }
    }
}
