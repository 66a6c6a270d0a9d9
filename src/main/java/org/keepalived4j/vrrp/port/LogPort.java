package org.keepalived4j.vrrp.port;

/**
 * keepalived-style log lines: {@code info} always, {@code detail} only with -D (--log-detail).
 * keepalived logs nearly everything at LOG_INFO; the other levels exist for the few lines it
 * logs otherwise (LOG_ALERT for a dying child, LOG_WARNING / LOG_ERR for some errors). Their
 * defaults write at info, so simple implementations (test doubles) need only the two methods.
 */
public interface LogPort {
    void info(String line);

    void detail(String line);

    /** LOG_NOTICE. */
    default void notice(String line) {
        info(line);
    }

    /** LOG_WARNING. */
    default void warning(String line) {
        info(line);
    }

    /** LOG_ERR. */
    default void error(String line) {
        info(line);
    }

    /**
     * This thread's lines wait until the matching {@link #release()} and are then written in
     * order, so that I/O on the wire comes first (a takeover's advert, addresses and gratuitous
     * ARPs). The default writes at once.
     */
    default void hold() {
    }

    /** Ends {@link #hold()}. */
    default void release() {
    }

    /** LOG_ALERT. */
    default void alert(String line) {
        info(line);
    }
}
