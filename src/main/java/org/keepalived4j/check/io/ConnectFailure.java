package org.keepalived4j.check.io;

import java.net.BindException;
import java.util.List;
import java.util.Locale;

/**
 * Sorts a failed connect the way keepalived's socket_bind_connect() and socket_state()
 * (core/layer4.c) do: an immediate connect() error that means "the server is not there"
 * (ENETUNREACH, EHOSTUNREACH, ECONNREFUSED, EHOSTDOWN, ENETDOWN, ECONNRESET, ECONNABORTED,
 * ETIMEDOUT) fails the check; any other immediate error (bind, EADDRNOTAVAIL, ...) only
 * reschedules it; an error reported after EINPROGRESS fails it (ETIMEDOUT as a timeout).
 */
enum ConnectFailure {
    /** connect_timeout: our timer, or ETIMEDOUT after EINPROGRESS. */
    TIMEOUT,
    /** connect_fail from connect() itself. */
    FAILED_AT_ONCE,
    /** connect_fail reported by SO_ERROR after EINPROGRESS. */
    FAILED,
    /** connect_error: the check could not be made; reschedule. */
    ERROR;

    private static final List<String> FAIL_TEXTS = List.of("network is unreachable", "no route to host",
            "connection refused", "host is down", "network is down", "connection reset",
            "software caused connection abort", "connection timed out");

    /** Immediate errors that only reschedule, whichever transport reports them. */
    private static final List<String> ERROR_TEXTS = List.of("cannot assign requested address", "invalid argument",
            "address family not supported", "permission denied", "operation not permitted");

    static ConnectFailure of(Throwable t) {
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof BindException || m.startsWith("bind(") || ERROR_TEXTS.stream().anyMatch(m::contains)) {
            return ERROR;
        }
        boolean known = FAIL_TEXTS.stream().anyMatch(m::contains);
        // netty epoll: "connect(..) failed: ..." is connect() itself, "finishConnect(..) failed: ..." is SO_ERROR
        boolean atOnce = m.startsWith("connect(");
        if (atOnce) {
            return known ? FAILED_AT_ONCE : ERROR;
        }
        return m.contains("timed out") ? TIMEOUT : FAILED;
    }
}
