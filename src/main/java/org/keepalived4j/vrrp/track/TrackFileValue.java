package org.keepalived4j.vrrp.track;

/**
 * The value of a track file as keepalived's process_track_file() reads it: the first 127 bytes
 * through {@code strtol(buf, NULL, 0)} (leading white space, a sign, then hexadecimal after
 * "0x", octal after "0", else decimal, up to the first other character; nothing numeric is 0).
 * A number outside [INT32_MIN, INT32_MAX + 1] (or outside a long) is refused and the previous
 * value kept. An empty or missing file is 0.
 */
public final class TrackFileValue {

    /**
     * @param value   the number read (LONG_MAX / LONG_MIN when it overflowed, as strtol() returns)
     * @param valid   false when keepalived logs "Invalid number ... - ignoring" and keeps the old value
     */
    public record Parsed(long value, boolean valid) {
    }

    private TrackFileValue() {
    }

    public static Parsed parse(String content) {
        String s = content.length() > 127 ? content.substring(0, 127) : content;
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
        }
        long v = 0;
        boolean overflow = false;
        for (; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 0x7f) {
                break;
            }
            if (!overflow) {
                try {
                    v = Math.addExact(Math.multiplyExact(v, base), d);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        if (overflow) {
            return new Parsed(neg ? Long.MIN_VALUE : Long.MAX_VALUE, false);
        }
        long r = neg ? -v : v;
        return new Parsed(r, r >= Integer.MIN_VALUE && r <= Integer.MAX_VALUE + 1L);
    }
}
