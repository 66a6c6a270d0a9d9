package org.keepalived4j.daemon;

import org.keepalived4j.net.NativeException;
import org.keepalived4j.net.Syscalls;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * keepalived's log_stopping() (lib/utils.c), the last line of a VRRP or checker child that was
 * stopped: {@code Stopped}, or with -D the CPU time used ({@code getrusage(2)}). Our subsystems
 * are threads of one JVM, so the figures are the whole process's (both subsystems, JIT and GC).
 */
final class StoppedLine {
    private StoppedLine() {
    }

    /** Log the line for a subsystem that has just stopped. */
    static void log(LogPort log, boolean detail) {
        if (!detail) {
            log.info(text(false, null, null));
            return;
        }
        try {
            log.info(text(true, Syscalls.cpuTimes(Syscalls.RUSAGE_SELF), Syscalls.cpuTimes(Syscalls.RUSAGE_CHILDREN)));
        } catch (NativeException e) {
            log.info("Stopped (" + e.getMessage() + ")");
        }
    }

    /**
     * @param self     {user, system} µs of this process
     * @param children {user, system} µs of its waited-for children (scripts)
     */
    static String text(boolean detail, long[] self, long[] children) {
        if (!detail) {
            return "Stopped";
        }
        if (children[0] != 0) {
            return "Stopped - used (self/children) " + seconds(self[0]) + "/" + seconds(children[0]) + " user time, "
                    + seconds(self[1]) + "/" + seconds(children[1]) + " system time";
        }
        return "Stopped - used " + seconds(self[0]) + " user time, " + seconds(self[1]) + " system time";
    }

    /** {@code %ld.%6.6ld} of a struct timeval. */
    private static String seconds(long micros) {
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
