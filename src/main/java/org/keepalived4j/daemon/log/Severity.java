package org.keepalived4j.daemon.log;

/**
 * syslog severities (syslog(3), {@code <sys/syslog.h>}; RFC 5424 §6.2.1). keepalived logs almost
 * everything at {@link #INFO}; {@code VRRP child process(PID) died: Respawning} is {@link #ALERT}.
 */
public enum Severity {
    EMERG(0), ALERT(1), CRIT(2), ERR(3), WARNING(4), NOTICE(5), INFO(6), DEBUG(7);

    private final int code;

    Severity(int code) {
        this.code = code;
    }

    /** The numeric severity, 0 (emergency) to 7 (debug): the low 3 bits of a syslog PRI. */
    public int code() {
        return code;
    }
}
