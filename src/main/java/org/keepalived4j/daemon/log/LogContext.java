package org.keepalived4j.daemon.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What logging takes from the process rather than from options: the stream console lines and
 * logging complaints go to, that stream's identity for JOURNAL_STREAM, the wall clock for
 * timestamps, a monotonic clock for retry pacing, and the pid put in syslog lines. Tests pass
 * their own; the daemon uses {@link #system()}.
 *
 * @param stderr   where console lines and the "cannot log to syslog" line go
 * @param stderrId {@code dev:inode} of that stream's file (as JOURNAL_STREAM spells it), or empty
 *                 when unknown
 * @param clock    wall clock and time zone of timestamps
 * @param nanoTime monotonic nanoseconds (retry pacing only)
 * @param pid      the pid in {@code IDENT[PID]:}
 */
public record LogContext(PrintStream stderr, Optional<String> stderrId, Clock clock, LongSupplier nanoTime, long pid) {

    /** System.err (fd 2, as keepalived's console), the system clock and zone, this pid. */
    public static LogContext system() {
        return new LogContext(System.err, JournalStream.devIno(Path.of("/proc/self/fd/2")), Clock.systemDefaultZone(),
                System::nanoTime, ProcessHandle.current().pid());
    }
}
