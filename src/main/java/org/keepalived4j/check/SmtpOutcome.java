package org.keepalived4j.check;

/** How one SMTP_CHECK conversation ended (the reasons smtp_final() is called with, check_smtp.c). */
public enum SmtpOutcome {
    /** 220 greeting, HELO answered 250, QUIT answered. */
    SUCCESS,
    /** connect() failed at once (network unreachable, refused by the local stack...). */
    NETWORK_UNREACHABLE,
    /** connect_timeout passed while connecting. */
    CONNECT_TIMEOUT,
    /** The connect failed (refused, reset). */
    CONNECT_FAILED,
    /** No full line within connect_timeout. */
    READ_TIMEOUT,
    /** EOF or a read error before a full line. */
    READ_FAILURE,
    /** A command could not be written within connect_timeout. */
    WRITE_TIMEOUT,
    /** A command could not be written. */
    WRITE_FAILURE,
    /** The greeting's status was not 220. */
    BAD_BANNER,
    /** The HELO answer's status was not 250. */
    BAD_HELO,
    /** The check could not be made (bind failed): rescheduled, no verdict. */
    BIND_ERROR;

    /**
     * smtp_get_status(): the status of a reply line (its '\n' removed): exactly three digits
     * (after strtoul()'s optional blanks and sign) followed by the end or a space; else -1.
     * A bare "220\r" or a continuation line "220-..." is therefore -1.
     */
    public static int status(String line) {
        int i = 0;
        while (i < line.length() && " \t\n\u000b\f\r".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        boolean neg = false;
        if (i < line.length() && (line.charAt(i) == '+' || line.charAt(i) == '-')) {
            neg = line.charAt(i) == '-';
            i++;
        }
        int start = i;
        long v = 0;
        while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9' && i - start < 19) {
            v = v * 10 + (line.charAt(i) - '0');
            i++;
        }
        if (i == start) {
            return -1;   // strtoul() sets endptr to the start: length 0
        }
        if (i != 3 || (i < line.length() && line.charAt(i) != ' ')) {
            return -1;
        }
        return (int) (neg ? (-v & 0xffff_ffffL) : v);
    }
}
