package org.keepalived4j.daemon.log;

import java.util.Optional;

/**
 * The syslog facilities keepalived's {@code -S/--log-facility} accepts, with their
 * {@code <sys/syslog.h>} codes (LOG_USER = 1, LOG_DAEMON = 3, LOG_LOCAL0..7 = 16..23; a PRI is
 * code × 8 + severity).
 */
public enum SyslogFacility {
    USER(1), DAEMON(3),
    LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

    private final int code;

    SyslogFacility(int code) {
        this.code = code;
    }

    /** The facility number as in {@code <sys/syslog.h>} (LOG_DAEMON is 3, i.e. (3 << 3) there). */
    public int code() {
        return code;
    }

    /**
     * Parses an {@code -S} argument as keepalived 2.2.7 does ({@code parse_cmdline()} in
     * core/main.c): a number 0-7 or {@code local} followed by one means LOG_LOCAL0-7, else exactly
     * {@code daemon} or {@code user} (case-sensitive). The number is read like its
     * {@code read_unsigned()} (strtoul base 10): leading white space and a '+' are allowed, a '-'
     * or any trailing character is not, and an empty number reads as 0 (so {@code -S local} is
     * local0).
     *
     * @return the facility, or empty: keepalived then prints {@link #invalidMessage} on stderr
     *         and keeps its current facility (daemon)
     */
    public static Optional<SyslogFacility> parse(String arg) {
        int n = readUnsigned(arg);
        if (n < 0 && arg.startsWith("local")) {
            n = readUnsigned(arg.substring(5));
        }
        if (n >= 0) {
            return Optional.of(values()[LOCAL0.ordinal() + n]);
        }
        if (arg.equals("daemon")) {
            return Optional.of(DAEMON);
        }
        return arg.equals("user") ? Optional.of(USER) : Optional.empty();
    }

    /** keepalived's stderr line for a rejected {@code -S} argument. */
    public static String invalidMessage(String arg) {
        return "Invalid log facility '" + arg + "'";
    }

    /** 0-7 as keepalived's read_unsigned(str, 0, LOG_FACILITY_MAX) accepts it, else -1. */
    private static int readUnsigned(String s) {
        int i = 0;
        while (i < s.length() && " \t\f\n\r\u000b".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (i == s.length()) {
            return 0;                      // strtoul("") = 0 with *endptr == '\0': accepted
        }
        if (s.charAt(i) == '+') {
            i++;
        }
        int start = i;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            v = Math.min(v * 10 + (s.charAt(i) - '0'), Integer.MAX_VALUE);
            i++;
        }
        if (i == start || i != s.length() || v > 7) {
            return -1;                     // no digits, trailing text, '-' or out of range
        }
        return (int) v;
    }
}
