package org.keepalived4j.util;

import java.time.ZonedDateTime;

/**
 * Time stamps in the C locale as keepalived prints them (strftime/ctime with English day and
 * month names), formatted by hand: java.time's text formatters load the locale-provider
 * machinery (CLDR, resource bundles; ~20-30 ms of a cold start) just to print "Sun" and "Dec".
 */
public final class CTime {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private CTime() {
    }

    /** {@code Sun Dec 6 10:35:16 2026}: day of month not padded (keepalived's console lines, reports). */
    public static String dayMonthTimeYear(ZonedDateTime t) {
        StringBuilder sb = new StringBuilder(24).append(DAYS[t.getDayOfWeek().ordinal()]).append(' ')
                .append(MONTHS[t.getMonthValue() - 1]).append(' ').append(t.getDayOfMonth()).append(' ');
        return time(sb, t).append(' ').append(t.getYear()).toString();
    }

    /** {@code Dec  6 10:35:16}: syslog(3)'s {@code %h %e %T}, day of month padded with a space. */
    public static String syslogStamp(ZonedDateTime t) {
        StringBuilder sb = new StringBuilder(15).append(MONTHS[t.getMonthValue() - 1]).append(' ');
        if (t.getDayOfMonth() < 10) {
            sb.append(' ');
        }
        return time(sb.append(t.getDayOfMonth()).append(' '), t).toString();
    }

    private static StringBuilder time(StringBuilder sb, ZonedDateTime t) {
        return two(two(two(sb, t.getHour()).append(':'), t.getMinute()).append(':'), t.getSecond());
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
