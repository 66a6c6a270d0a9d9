package org.keepalived4j.daemon.log;

import java.util.Map;
import java.util.Objects;

/**
 * Where and what the daemon logs, from keepalived's command line and the environment.
 *
 * @param console      {@code -l/--log-console}: also write each line to stderr
 * @param syslog       false with {@code -G/--no-syslog}; true by default
 * @param facility     {@code -S/--log-facility}; {@link SyslogFacility#DAEMON} by default
 * @param detail       {@code -D/--log-detail}: also write the detail lines
 * @param syslogSocket the AF_UNIX datagram socket syslog lines go to: {@code /dev/log}, or the
 *                     system property {@value #SOCKET_PROPERTY} when set (tests)
 * @param environment  the process environment; {@code JOURNAL_STREAM} in it switches the console
 *                     to journald's {@code <N>} prefix (see {@link JournalStream})
 * @param identSuffix  appended to every syslog ident, e.g. {@code _ns1_inst} for keepalived's
 *                     {@code Keepalived_vrrp_<net_namespace>_<instance>} (see {@link #identSuffix(String, String)})
 */
public record LogOptions(boolean console, boolean syslog, SyslogFacility facility, boolean detail,
        String syslogSocket, Map<String, String> environment, String identSuffix) {

    /** The system property that overrides {@code /dev/log}. */
    public static final String SOCKET_PROPERTY = "keepalived4j.syslog.socket";

    public LogOptions {
        Objects.requireNonNull(facility, "facility");
        Objects.requireNonNull(syslogSocket, "syslogSocket");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(identSuffix, "identSuffix");
    }

    /**
     * keepalived's defaults with the given switches: facility daemon, {@code /dev/log} (or
     * {@value #SOCKET_PROPERTY}), this process's environment, no ident suffix.
     */
    public static LogOptions of(boolean console, boolean syslog, boolean detail) {
        return new LogOptions(console, syslog, SyslogFacility.DAEMON, detail,
                System.getProperty(SOCKET_PROPERTY, "/dev/log"), System.getenv(), "");
    }

    public LogOptions withFacility(SyslogFacility f) {
        return new LogOptions(console, syslog, f, detail, syslogSocket, environment, identSuffix);
    }

    public LogOptions withSyslogSocket(String path) {
        return new LogOptions(console, syslog, facility, detail, path, environment, identSuffix);
    }

    public LogOptions withEnvironment(Map<String, String> env) {
        return new LogOptions(console, syslog, facility, detail, syslogSocket, env, identSuffix);
    }

    public LogOptions withIdentSuffix(String suffix) {
        return new LogOptions(console, syslog, facility, detail, syslogSocket, environment, suffix);
    }

    /**
     * keepalived's {@code make_syslog_ident()}: {@code _<net_namespace>} then {@code _<instance>}
     * for each one configured (null or empty = not configured).
     */
    public static String identSuffix(String netNamespace, String instanceName) {
        StringBuilder sb = new StringBuilder();
        if (netNamespace != null && !netNamespace.isEmpty()) {
            sb.append('_').append(netNamespace);
        }
        if (instanceName != null && !instanceName.isEmpty()) {
            sb.append('_').append(instanceName);
        }
        return sb.toString();
    }
}
