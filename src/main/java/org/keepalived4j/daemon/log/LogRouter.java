package org.keepalived4j.daemon.log;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sends each line once to each enabled sink: the console ({@code -l}) and syslog (unless
 * {@code -G}). Built from {@link LogOptions} and a {@link LogContext}; thread-safe (the sinks are).
 *
 * <p>Why our own small sinks rather than logback appenders: the formats are fixed byte for byte
 * (users grep them), syslog needs an AF_UNIX datagram socket that logback's SyslogAppender (UDP
 * only) cannot reach, and the failure policy (never block the VRRP loop, one stderr line, count
 * drops) is easier to keep and test in ~100 lines than through logback's status machinery.
 * slf4j loggers of other classes still land here through {@link Slf4jBridge}.
 */
public final class LogRouter implements AutoCloseable {
    private final List<LogSink> sinks;
    private final Map<Identity, String> idents = new EnumMap<>(Identity.class);
    private final boolean detail;
    private final ConsoleSink stderr;
    private final Object order = new Object();
    private record Held(String ident, Severity severity, String line) {
    }

    private volatile Thread holder;          // the thread whose lines wait in held (hold / release)
    private int holdDepth;                    // touched by the holder only
    private final List<Held> held = new ArrayList<>();

    private LogRouter(List<LogSink> sinks, String suffix, boolean detail, ConsoleSink stderr) {
        this.sinks = List.copyOf(sinks);
        for (Identity id : Identity.values()) {
            idents.put(id, id.ident() + suffix);
        }
        this.detail = detail;
        this.stderr = stderr;
    }

    /** The sinks {@code options} ask for, writing through {@code context}. */
    public static LogRouter open(LogOptions options, LogContext context) {
        boolean journal = JournalStream.isJournal(options.environment(), context.stderrId());
        ConsoleSink console = new ConsoleSink(context.stderr(), context.clock(), journal);
        List<LogSink> sinks = new ArrayList<>(2);
        if (options.console()) {
            sinks.add(console);
        }
        if (options.syslog()) {
            sinks.add(new SyslogSink(options.syslogSocket(), new SyslogFormat(options.facility(), context.clock(),
                    context.pid()), context.nanoTime(), console::complain));
        }
        return new LogRouter(sinks, options.identSuffix(), options.detail(), console);
    }

    /** True with {@code -D}: detail lines are written. */
    public boolean detail() {
        return detail;
    }

    /** The syslog ident of {@code id}, with the suffix, e.g. {@code Keepalived_vrrp}. */
    public String ident(Identity id) {
        return idents.get(id);
    }

    /** Writes {@code line} once to every sink (lines from several threads one whole line after another). */
    public void write(Identity id, Severity severity, String line) {
        String ident = idents.get(id);
        if (holder == Thread.currentThread()) {
            held.add(new Held(ident, severity, line));
            return;
        }
        synchronized (order) {
            toSinks(ident, severity, line);
        }
    }

    private void toSinks(String ident, Severity severity, String line) {
        for (LogSink s : sinks) {
            s.write(ident, severity, line);
        }
    }

    /**
     * Runs {@code first}, then writes {@code line}, and no other thread's line can come between:
     * work that {@code first} hands to another thread starts at once, but whatever that work logs
     * comes after {@code line} (SIGTERM: the VRRP loop sends its priority-0 adverts while
     * "Stopping" is written, and its own stop lines follow it, as keepalived's do).
     */
    public void writeAfter(Runnable first, Identity id, Severity severity, String line) {
        synchronized (order) {
            first.run();
            write(id, severity, line);
        }
    }

    /**
     * The calling thread's lines wait until its matching {@link #release}, then are written in
     * their order: a VRRP takeover sends its advert, adds its addresses and sends its gratuitous
     * ARPs before the console and syslog writes of its lines (~0.2 ms each while the code is
     * cold). Other threads' lines are written as they come. Nests. One thread holds at a time
     * (the VRRP loop); while it does, another thread's hold has no effect. Holding does not wait
     * for a line being written (the SIGTERM stop's sends must not wait for "Stopping").
     */
    public void hold() {
        if (holder == Thread.currentThread()) {
            holdDepth++;
            return;
        }
        synchronized (held) {
            if (holder == null) {
                holder = Thread.currentThread();
                holdDepth = 1;
            }
        }
    }

    /** Ends the calling thread's {@link #hold} (the outermost one writes the held lines). */
    public void release() {
        if (holder != Thread.currentThread() || --holdDepth > 0) {
            return;
        }
        synchronized (order) {
            synchronized (held) {
                holder = null;
            }
            for (Held h : held) {
                toSinks(h.ident(), h.severity(), h.line());
            }
            held.clear();
        }
    }

    /** A line on stderr whatever the sinks (e.g. a bad {@code -S}), prefixed for journald when it reads us. */
    public void stderr(Severity severity, String line) {
        stderr.complain(severity, line);
    }

    @Override
    public void close() {
        sinks.forEach(LogSink::close);
    }
}
