package org.keepalived4j.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A track file's content read as keepalived's strtol(buf, NULL, 0). */
class TrackFileValueTest {
    static TrackFileValue.Parsed p(String s) {
        return TrackFileValue.parse(s);
    }

    @Test
    void decimalHexOctalAndSign() {
        assertEquals(new TrackFileValue.Parsed(3, true), p("3\n"));
        assertEquals(new TrackFileValue.Parsed(-12, true), p("  -12 apples"));
        assertEquals(new TrackFileValue.Parsed(16, true), p("0x10"));
        assertEquals(new TrackFileValue.Parsed(8, true), p("010"));
        assertEquals(new TrackFileValue.Parsed(0, true), p("08"), "octal stops at 8");
        assertEquals(new TrackFileValue.Parsed(0, true), p("0x"), "no hex digit: the 0 alone");
        assertEquals(new TrackFileValue.Parsed(0, true), p(""), "an empty file is 0");
        assertEquals(new TrackFileValue.Parsed(0, true), p("abc"));
    }

    @Test
    void outOfRangeIsRefused() {
        assertEquals(new TrackFileValue.Parsed(2147483648L, true), p("2147483648"), "INT32_MAX + 1 is accepted");
        assertEquals(new TrackFileValue.Parsed(99999999999L, false), p("99999999999"));
        assertEquals(new TrackFileValue.Parsed(Long.MAX_VALUE, false), p("999999999999999999999999"), "strtol's LONG_MAX");
        assertEquals(new TrackFileValue.Parsed(Long.MIN_VALUE, false), p("-999999999999999999999999"));
        assertEquals("Invalid number 99999999999 read from /tmp/f - ignoring",
                TrackMessages.fileInvalidNumber("99999999999", "/tmp/f"));
    }
}
