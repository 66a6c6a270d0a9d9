package org.keepalived4j.daemon.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

import org.keepalived4j.util.CTime;

/**
 * {@code -l} console lines, as keepalived prints them ({@code vlog_message()} in lib/logger.c):
 * {@code Wed Nov 5 07:13:27 2025: (VI_1) Entering MASTER STATE}. The timestamp pattern is the
 * one this project has always printed ({@code EEE MMM d HH:mm:ss yyyy}, English names); glibc's
 * {@code %c} pads a one-digit day with a space instead ({@code Nov  5}).
 *
 * <p>When stderr is a journald stream ({@link JournalStream}), a line is instead
 * {@code <6>(VI_1) Entering MASTER STATE}: the sd-daemon(3) priority prefix, so the journal keeps
 * each line's severity, and no timestamp, because the journal stamps every line itself.
 * keepalived has no such mode (it prints {@code %c: } to the journal as to a terminal).
 *
 * <p>Each line is one {@code println} under the stream's own lock; the timestamp text is reused
 * within a second.
 */
final class ConsoleSink implements LogSink {

    private final PrintStream out;
    private final Clock clock;
    private final boolean journal;
    private long stampSecond = Long.MIN_VALUE;
    private String stamp = "";

    ConsoleSink(PrintStream out, Clock clock, boolean journal) {
        this.out = out;
        this.clock = clock;
        this.journal = journal;
    }

    @Override
    public void write(String ident, Severity severity, String line) {
        out.println(format(severity, line));
    }

    /** The console text of one line, without the newline. */
    synchronized String format(Severity severity, String line) {
        if (journal) {
            return "<" + severity.code() + ">" + line;
        }
        long now = clock.millis();
        long second = Math.floorDiv(now, 1000);
        if (second != stampSecond) {
            stamp = CTime.dayMonthTimeYear(Instant.ofEpochSecond(second).atZone(clock.getZone()));
            stampSecond = second;
        }
        return stamp + ": " + line;
    }

    /** A line that is not a log line (logging's own trouble), with journald's prefix when journald reads us. */
    void complain(Severity severity, String line) {
        out.println(journal ? "<" + severity.code() + ">" + line : line);
    }
}
