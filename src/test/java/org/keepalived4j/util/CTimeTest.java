package org.keepalived4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The hand-made C-locale stamps equal java.time's English formatting, every day of a leap year and then some. */
class CTimeTest {
    private static final DateTimeFormatter CONSOLE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    @Test
    void equalsJavaTimeEnglishFormatting() {
        ZonedDateTime t = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        for (int i = 0; i < 800; i++, t = t.plusHours(11).plusMinutes(7).plusSeconds(13)) {
            assertEquals(CONSOLE.format(t), CTime.dayMonthTimeYear(t));
            assertEquals(SYSLOG.format(t), CTime.syslogStamp(t));
        }
    }

    @Test
    void keepalivedsLayouts() {
        ZonedDateTime t = ZonedDateTime.of(2026, 12, 6, 9, 5, 7, 0, ZoneId.of("UTC"));
        assertEquals("Sun Dec 6 09:05:07 2026", CTime.dayMonthTimeYear(t));
        assertEquals("Dec  6 09:05:07", CTime.syslogStamp(t));
        assertEquals("Nov 25 23:59:59", CTime.syslogStamp(ZonedDateTime.of(2026, 11, 25, 23, 59, 59, 0, ZoneId.of("UTC"))));
    }
}
