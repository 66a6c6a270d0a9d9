package org.keepalived4j.net;

/**
 * Binds the C library ahead of its first use: jnr-ffi generates its call stubs at run time, ~150
 * ms of a cold start. The first real call then finds the binding ready (or waits for the class
 * initialisation in progress, as the JVM guarantees). Failures are left for that first real call
 * to report with its errno.
 */
public final class NativeWarmUp {
    private NativeWarmUp() {
    }

    /** Bind now (on the calling thread). */
    public static void bind() {
        try {
            Syscalls.strerror(0);
            DirectCalls.bind();
            // jnr-ffi binds each function at its first call (5-10 ms, interpreted): these two are
            // first called on the way to the first advert (the VRRP loop's timer slack, the VRRP
            // sockets' receive stamps); harmless here (a read of this thread's slack, a bad fd)
            Syscalls.timerSlack();
            Syscalls.receiveStampNanos(-1);
        } catch (Throwable ignored) {   // LinkageError etc.: the daemon's first system call reports it
        }
    }
}
