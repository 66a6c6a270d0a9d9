package org.keepalived4j.daemon.log;

import java.time.Clock;
import java.time.Instant;

import org.keepalived4j.util.CTime;

/**
 * The text of one syslog datagram as glibc's syslog(3) builds it for {@code openlog(ident,
 * LOG_PID, facility)} (misc/syslog.c: {@code "<%d>%h %e %T %s[%d]: "} in the C locale), which is
 * what keepalived sends and what journald and rsyslog parse on /dev/log (RFC 3164 layout):
 *
 * <pre>{@code <30>Nov  5 07:13:27 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE}</pre>
 *
 * <p>PRI = facility × 8 + severity; the timestamp is local time, the day padded with a space;
 * no trailing newline. Not thread-safe (the syslog sink holds a lock).
 */
final class SyslogFormat {
    private final SyslogFacility facility;
    private final Clock clock;
    private final String pidPart;
    private long stampSecond = Long.MIN_VALUE;
    private String stamp = "";

    SyslogFormat(SyslogFacility facility, Clock clock, long pid) {
        this.facility = facility;
        this.clock = clock;
        this.pidPart = "[" + pid + "]: ";
    }

    /** PRI of a line: facility code × 8 + severity code (daemon.info = 30, local1.info = 142). */
    int pri(Severity severity) {
        return facility.code() * 8 + severity.code();
    }

    /** Appends the whole datagram text for one line to {@code sb} (which it does not clear). */
    StringBuilder append(StringBuilder sb, String ident, Severity severity, String line) {
        long second = Math.floorDiv(clock.millis(), 1000);
        if (second != stampSecond) {
            stamp = CTime.syslogStamp(Instant.ofEpochSecond(second).atZone(clock.getZone()));
            stampSecond = second;
        }
        return sb.append('<').append(pri(severity)).append('>').append(stamp).append(' ')
                .append(ident).append(pidPart).append(line);
    }
}
