package org.keepalived4j.config.bind.route;

import java.util.Locale;
import java.util.OptionalLong;

import org.keepalived4j.config.ConfigErrorClass;

/** get_time_rtt(): {@code N}, {@code Ns}/{@code Nsec}/{@code Nsecs} or {@code Nms}; kept within 200ms..120s. */
final class RttValues {
    private static final long RTT_MIN_MS = 200;
    private static final long RTT_MAX_MS = 120_000;

    private RttValues() {
    }

    /** The value in units of 1/(1000*unitMult) s; empty (no message of its own) when invalid. */
    static OptionalLong parse(LineReader r, String str, int unitMult) {
        String s = str.stripLeading();
        boolean raw = true;
        int shift = 0;
        String num = s;
        int p = indexOfAny(s, "sS");
        if (p >= 0) {
            String unit = s.substring(p).toLowerCase(Locale.ROOT);
            if (!unit.equals("s") && !unit.equals("sec") && !unit.equals("secs")) {
                return OptionalLong.empty();
            }
            raw = false;
            if (p > 0 && Character.toLowerCase(s.charAt(p - 1)) == 'm') {
                p--;
            } else {
                shift = 3;
            }
            if (p == 0) {
                return OptionalLong.empty();
            }
            num = s.substring(0, p);
        }
        if (indexOfAny(num, "eE") >= 0) {
            r.report(ConfigErrorClass.LOG, "rtt value exponential form " + s + " no longer supported");
            return OptionalLong.empty();
        }
        OptionalLong v = decimal(r, num, RTT_MAX_MS * unitMult, shift);
        if (v.isEmpty()) {
            return v;
        }
        long res = raw ? v.getAsLong() : v.getAsLong() * unitMult;
        if (res > RTT_MAX_MS * unitMult) {
            r.report(ConfigErrorClass.LOG, "rtt value " + s + " exceeds maximum " + RTT_MAX_MS / 1000 + "s, resetting");
            res = RTT_MAX_MS * unitMult;
        } else if (res < RTT_MIN_MS * unitMult) {
            r.report(ConfigErrorClass.LOG, "rtt value " + s + " below minimum " + RTT_MIN_MS + "ms, resetting");
            res = RTT_MIN_MS * unitMult;
        }
        return OptionalLong.of(res);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** read_decimal_unsigned(): digits with up to {@code shift} decimals, times 10^shift. */
    private static OptionalLong decimal(LineReader r, String s, long max, int shift) {
        if (s.startsWith("-")) {
            r.report(ConfigErrorClass.INVALID_NUMBER, "negative number '" + s + "'");
            return OptionalLong.empty();
        }
        int dp = s.indexOf('.');
        String ip = dp >= 0 ? s.substring(0, dp) : s;
        String frac = dp >= 0 ? s.substring(dp + 1) : "";
        boolean roundUp = false;
        if (frac.length() > shift) {
            r.report(ConfigErrorClass.INVALID_NUMBER, "number '" + s + "' has too many decimal places");
            roundUp = frac.charAt(shift) >= '5';
            frac = frac.substring(0, shift);
        }
        String digits = ip + frac + "0".repeat(shift - frac.length());
        if (!digits.chars().allMatch(Character::isDigit) || ip.isEmpty() && frac.isEmpty()) {
            r.report(ConfigErrorClass.INVALID_NUMBER, "invalid number '" + s + "'");
            return OptionalLong.empty();
        }
        long v = digits.length() > 17 ? Long.MAX_VALUE / 2 : Long.parseLong(digits);
        if (roundUp) {
            v++;
        }
        if (v > max) {
            long unit = (long) Math.pow(10, shift);
            r.report(ConfigErrorClass.INVALID_NUMBER, "number '" + s + "' outside range [" + fixed(0, unit, shift)
                    + ", " + fixed(max, unit, shift) + "]");
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    private static String fixed(long v, long unit, int shift) {
        if (shift == 0) {
            return Long.toString(v);
        }
        String f = Long.toString(v % unit);
        return (v / unit) + "." + "0".repeat(Math.max(0, shift - f.length())) + f;
    }
}
