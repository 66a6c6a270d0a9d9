package org.keepalived4j.daemon.log;

/** One destination of log lines (console, syslog). Implementations are thread-safe and never throw. */
interface LogSink extends AutoCloseable {
    /**
     * Writes one line.
     *
     * @param ident the syslog ident, e.g. {@code Keepalived_vrrp}
     * @param severity the line's severity
     * @param line the message, without timestamp, ident or newline
     */
    void write(String ident, Severity severity, String line);

    @Override
    default void close() {
    }
}
