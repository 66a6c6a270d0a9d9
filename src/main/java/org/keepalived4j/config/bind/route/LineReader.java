package org.keepalived4j.config.bind.route;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.model.RouteConfig.Prefix;
import org.keepalived4j.config.parser.Node;

/**
 * The words of one route/rule line with keepalived's readers and their messages: word access
 * that aborts on a missing parameter (strvec_slot()), read_unsigned(), inet_pton()-strict
 * address parsing (parse_ipaddress(), parse_route()).
 */
public final class LineReader {
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    static final long UINT_MAX = 0xffff_ffffL;

    private final Node line;
    private final List<String> words;
    private final Diagnostics diags;

    public LineReader(Node line, Diagnostics diags) {
        this.line = line;
        this.words = line.words();
        this.diags = diags;
    }

    public int size() {
        return words.size();
    }

    public List<String> words() {
        return words;
    }

    public Node line() {
        return line;
    }

    /** Word {@code i}; when missing, keepalived reports the missing parameter and exits (status 2). */
    public String slot(int i) {
        if (i < words.size()) {
            return words.get(i);
        }
        throw diags.abort(ConfigErrorClass.MISSING_PARAMETER, line.origin(), line.subsystem(), line.seq(),
                Node.missingParameterMessage(words, i));
    }

    public void error(String message) {
        report(ConfigErrorClass.GENERAL_ERROR, message);
    }

    public void report(ConfigErrorClass cls, String message) {
        diags.report(cls, line.origin(), line.subsystem(), line.seq(), message);
    }

    /** strtoul(): value (saturated to ULONG_MAX), index where parsing stopped (0 if no digits), range error. */
    record Strtoul(BigInteger value, int end, boolean overflow) {
    }

    static Strtoul strtoul(String s, int base) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if ((base == 0 || base == 16) && i + 2 < s.length() && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        }
        if (base == 0) {
            base = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        BigInteger v = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        while (i < s.length() && Character.digit(s.charAt(i), base) >= 0 && s.charAt(i) < 128) {
            v = v.multiply(b).add(BigInteger.valueOf(Character.digit(s.charAt(i), base)));
            i++;
        }
        if (i == start) {
            return new Strtoul(BigInteger.ZERO, 0, false);
        }
        boolean overflow = v.compareTo(ULONG_MAX) > 0;
        if (overflow) {
            v = ULONG_MAX;
        } else if (neg) {
            v = ULONG_MAX.add(BigInteger.ONE).subtract(v).and(ULONG_MAX);
        }
        return new Strtoul(v, i, overflow);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** read_unsigned_func(): reports (INVALID_NUMBER) and returns empty when not valid. */
    public OptionalLong readUnsigned(String number, int base, long min, long max) {
        int offset = 0;
        while (offset < number.length() && isSpace(number.charAt(offset))) {
            offset++;
        }
        Strtoul r = strtoul(number.substring(offset), base);
        int end = offset + r.end();
        if (offset < number.length() && number.charAt(offset) == '-') {
            report(ConfigErrorClass.INVALID_NUMBER, "negative number '" + number + "'");
        } else if (end < number.length()) {
            report(ConfigErrorClass.INVALID_NUMBER, "invalid number '" + number + "'");
        } else if (r.overflow() || r.value().compareTo(BigInteger.valueOf(UINT_MAX)) > 0) {
            report(ConfigErrorClass.INVALID_NUMBER, "number '" + number + "' outside unsigned integer range");
        } else if (r.value().longValue() < min || r.value().longValue() > max) {
            report(ConfigErrorClass.INVALID_NUMBER, "number '" + number + "' outside range [" + min + ", " + max + "]");
        } else {
            return OptionalLong.of(r.value().longValue());
        }
        return OptionalLong.empty();
    }

    /** read_unsigned64_func() base 10 over the full 64-bit range. */
    public Optional<BigInteger> readUnsigned64(String number) {
        int offset = 0;
        while (offset < number.length() && isSpace(number.charAt(offset))) {
            offset++;
        }
        Strtoul r = strtoul(number.substring(offset), 10);
        if (offset < number.length() && number.charAt(offset) == '-') {
            report(ConfigErrorClass.INVALID_NUMBER, "negative number '" + number + "'");
        } else if (offset + r.end() < number.length()) {
            report(ConfigErrorClass.INVALID_NUMBER, "invalid number '" + number + "'");
        } else if (r.overflow()) {
            report(ConfigErrorClass.INVALID_NUMBER, "number '" + number + "' outside unsigned 64 bit range");
        } else {
            return Optional.of(r.value());
        }
        return Optional.empty();
    }

    /** get_u8()/get_u16()/get_u32(): read_unsigned() then keepalived's own message (%s = the value). */
    public OptionalLong getUnsigned(String str, long max, String errFormat) {
        OptionalLong v = readUnsigned(str, 10, 0, max);
        if (v.isEmpty()) {
            error(errFormat.replace("%s", str));
        }
        return v;
    }

    /**
     * parse_ipaddress(): the family follows from a ':' in the text; with {@code allowMask} a
     * {@code /len} suffix is read (an invalid length keeps the full length, with a message).
     */
    public Optional<Prefix> parseAddress(String str, boolean allowMask) {
        boolean v6 = str.indexOf(':') >= 0;
        int full = v6 ? 128 : 32;
        int len = full;
        String addr = str;
        int slash = allowMask ? str.indexOf('/') : -1;
        if (slash >= 0) {
            String p = str.substring(slash + 1);
            OptionalLong l = readUnsigned(p, 10, 0, full);
            if (l.isEmpty()) {
                error("Invalid address prefix len " + p + " for address " + str + " - using " + full);
            } else {
                len = (int) l.getAsLong();
            }
            addr = str.substring(0, slash);
        }
        Optional<InetAddress> a = v6 ? InetPton.v6(addr) : InetPton.v4(addr);
        if (a.isEmpty()) {
            error("VRRP parsed invalid IP " + str + ". skipping IP...");
            return Optional.empty();
        }
        return Optional.of(new Prefix(a, len));
    }

    /** parse_route(): default/any/all have no family; default6 is IPv6 default. */
    public Optional<Prefix> parseRoute(String str) {
        if (str.equals("default") || str.equals("any") || str.equals("all")) {
            return Optional.of(Prefix.any());
        }
        if (str.equals("default6")) {
            report(ConfigErrorClass.LOG, "'default6' is deprecated - please replace with 'inet6 default'");
            return Optional.of(new Prefix(Optional.empty(), 0));
        }
        return parseAddress(str, true);
    }

    /** inet_pton() for AF_INET and AF_INET6, as glibc implements it. */
    static final class InetPton {
        private InetPton() {
        }

        static Optional<InetAddress> v4(String s) {
            byte[] b = v4Bytes(s);
            return b == null ? Optional.empty() : of(b);
        }

        private static byte[] v4Bytes(String s) {
            byte[] out = new byte[4];
            int octets = 0;
            boolean sawDigit = false;
            int cur = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (sawDigit && cur == 0) {
                        return null;
                    }
                    cur = cur * 10 + (c - '0');
                    if (cur > 255) {
                        return null;
                    }
                    if (!sawDigit) {
                        if (++octets > 4) {
                            return null;
                        }
                        sawDigit = true;
                    }
                } else if (c == '.' && sawDigit) {
                    if (octets == 4) {
                        return null;
                    }
                    out[octets - 1] = (byte) cur;
                    cur = 0;
                    sawDigit = false;
                } else {
                    return null;
                }
            }
            if (octets < 4 || !sawDigit) {
                return null;
            }
            out[3] = (byte) cur;
            return out;
        }

        static Optional<InetAddress> v6(String s) {
            byte[] out = new byte[16];
            int tp = 0;
            int colonp = -1;
            int i = 0;
            if (s.startsWith(":")) {
                if (!s.startsWith("::")) {
                    return Optional.empty();
                }
                i = 1;
            }
            int curtok = i;
            boolean sawXdigit = false;
            int val = 0;
            int digits = 0;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                int d = c < 128 ? Character.digit(c, 16) : -1;
                if (d >= 0) {
                    if (++digits > 4) {
                        return Optional.empty();
                    }
                    val = (val << 4) | d;
                    sawXdigit = true;
                    continue;
                }
                if (c == ':') {
                    curtok = i + 1;
                    if (!sawXdigit) {
                        if (colonp >= 0) {
                            return Optional.empty();
                        }
                        colonp = tp;
                        continue;
                    } else if (i + 1 >= s.length()) {
                        return Optional.empty();
                    }
                    if (tp + 2 > 16) {
                        return Optional.empty();
                    }
                    out[tp++] = (byte) (val >> 8);
                    out[tp++] = (byte) val;
                    sawXdigit = false;
                    digits = 0;
                    val = 0;
                    continue;
                }
                if (c == '.' && tp + 4 <= 16) {
                    byte[] v4 = v4Bytes(s.substring(curtok));
                    if (v4 == null) {
                        return Optional.empty();
                    }
                    System.arraycopy(v4, 0, out, tp, 4);
                    tp += 4;
                    sawXdigit = false;
                    break;
                }
                return Optional.empty();
            }
            if (sawXdigit) {
                if (tp + 2 > 16) {
                    return Optional.empty();
                }
                out[tp++] = (byte) (val >> 8);
                out[tp++] = (byte) val;
            }
            if (colonp >= 0) {
                if (tp == 16) {
                    return Optional.empty();
                }
                int n = tp - colonp;
                for (int k = 1; k <= n; k++) {
                    out[16 - k] = out[colonp + n - k];
                    out[colonp + n - k] = 0;
                }
                tp = 16;
            }
            if (tp != 16) {
                return Optional.empty();
            }
            try {
                // getByAddress would turn ::ffff:a.b.c.d into an IPv4 address; keep it IPv6.
                return Optional.of(java.net.Inet6Address.getByAddress(null, out, (java.net.NetworkInterface) null));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }

        private static Optional<InetAddress> of(byte[] b) {
            try {
                return Optional.of(InetAddress.getByAddress(b));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
    }
}
