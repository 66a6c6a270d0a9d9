package org.keepalived4j.check;

/** How one TCP connect ended (keepalived's enum connect_result as tcp_check_thread() sees it). */
public enum TcpOutcome {
    /** The connection was established (and has been closed again). */
    SUCCESS,
    /** connect_timeout passed first. */
    TIMEOUT,
    /** Refused, reset, unreachable: the server failed the check. */
    FAILED,
    /** The check could not be run (bind failed, no socket): rescheduled, no verdict. */
    ERROR
}
