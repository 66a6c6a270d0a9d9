package org.keepalived4j.config.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.HostInfo;
import org.keepalived4j.config.model.Unmodelled;
import org.keepalived4j.config.parser.Node;

/**
 * Shared state of one binding pass and keepalived's value readers (read_int(),
 * read_unsigned(), read_decimal_unsigned(), read_timer(), check_true_false() in lib/parser.c),
 * with their exact messages. Values are read as {@code keepalived -t} reads them: a value
 * keepalived would only warn about in daemon mode is an error here too.
 */
public final class BindContext {

    /** keepalived's TIMER_HZ: timers are in microseconds. */
    public static final long TIMER_HZ = 1_000_000L;
    /** TIMER_MAXIMUM: ULONG_MAX / TIMER_HZ seconds would overflow; keepalived uses UINT_MAX µs for read_timer(). */
    public static final long TIMER_MAX = 0xffff_ffffL * TIMER_HZ / TIMER_HZ;

    private final Diagnostics diags;
    private final HostInfo host;
    private final List<Unmodelled> unmodelled = new ArrayList<>();
    private final RouteRuleParser routes = new RouteRuleParser(this);
    private final java.util.Set<String> missingInterfaces = new java.util.TreeSet<>();

    public BindContext(Diagnostics diags, HostInfo host) {
        this.diags = diags;
        this.host = host;
    }

    public Diagnostics diagnostics() {
        return diags;
    }

    /** The route/rule parser of this load (it numbers rules without a preference). */
    RouteRuleParser routes() {
        return routes;
    }

    /** True when the host has the interface; a miss is remembered for the end-of-load check. */
    public boolean interfaceExists(String name) {
        boolean ok = host.interfaces().contains(name);
        if (!ok) {
            missingInterfaces.add(name);
        }
        return ok;
    }

    public java.util.Set<String> missingInterfaces() {
        return java.util.Set.copyOf(missingInterfaces);
    }

    public HostInfo host() {
        return host;
    }

    public List<Unmodelled> unmodelled() {
        return List.copyOf(unmodelled);
    }

    /** Record a keyword that is accepted but not acted upon. */
    public void notImplemented(String path, Node n) {
        unmodelled.add(new Unmodelled(path + " > " + n.keyword(), n.origin()));
    }

    public void error(Node n, String message) {
        report(ConfigErrorClass.GENERAL_ERROR, n, message);
    }

    /** An error reported where the block closed (keepalived's sublevel end handlers). */
    public void errorAtEnd(Node n, String message) {
        diags.report(ConfigErrorClass.GENERAL_ERROR, n.end(), n.subsystem(), n.endSeq(), message);
    }

    public void report(ConfigErrorClass cls, Node n, String message) {
        diags.report(cls, n.origin(), n.subsystem(), n.seq(), message);
    }

    /**
     * Word {@code index} of the line (0 = keyword) or, when missing, keepalived's
     * null_strvec(): report and abort the whole load with exit status 2.
     */
    public String require(Node n, int index) {
        List<String> w = n.words();
        if (index < w.size()) {
            return w.get(index);
        }
        throw diags.abort(ConfigErrorClass.MISSING_PARAMETER, n.origin(), n.subsystem(), n.seq(),
                Node.missingParameterMessage(w, index));
    }

    /** read_unsigned(): base 10, leading blanks skipped, no sign. */
    public OptionalLong readUnsigned(Node n, String s, long min, long max) {
        String t = s.stripLeading();
        if (t.startsWith("-")) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "negative number '" + s + "'");
            return OptionalLong.empty();
        }
        Long v = parseDecimal(t.startsWith("+") ? t.substring(1) : t);
        if (v == null) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "invalid number '" + s + "'");
            return OptionalLong.empty();
        }
        if (v > 0xffff_ffffL) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "number '" + s + "' outside unsigned integer range");
            return OptionalLong.empty();
        }
        if (v < min || v > max) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "number '" + s + "' outside range [" + min + ", " + max + "]");
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    /** read_int(): signed base 10. */
    public OptionalLong readInt(Node n, String s, long min, long max) {
        String t = s.strip();
        boolean neg = t.startsWith("-");
        Long v = parseDecimal(neg || t.startsWith("+") ? t.substring(1) : t);
        if (v == null || s.endsWith(" ") || s.endsWith("\t")) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "invalid number '" + s + "'");
            return OptionalLong.empty();
        }
        long val = neg ? -v : v;
        if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "number '" + s + "' outside integer range");
            return OptionalLong.empty();
        }
        if (val < min || val > max) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "number '" + s + "' outside range [" + min + ", " + max + "]");
            return OptionalLong.empty();
        }
        return OptionalLong.of(val);
    }

    /** Digits only (strtoul accepts an empty string as 0); null when not a number; saturates. */
    private static Long parseDecimal(String t) {
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v > Long.MAX_VALUE / 20 ? Long.MAX_VALUE / 2 : v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * read_decimal_unsigned(): a decimal with up to {@code shift} fractional digits, returned
     * multiplied by 10^shift. {@code min}/{@code max} are in those units.
     */
    public OptionalLong readDecimal(Node n, String s, long min, long max, int shift) {
        if (s.startsWith("-")) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "negative number '" + s + "'");
            return OptionalLong.empty();
        }
        int dp = s.indexOf('.');
        String intPart = dp >= 0 ? s.substring(0, dp) : s;
        String frac = dp >= 0 ? s.substring(dp + 1) : "";
        boolean roundUp = false;
        if (frac.length() > shift) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "number '" + s + "' has too many decimal places");
            roundUp = frac.charAt(shift) >= '5';
            frac = frac.substring(0, shift);
        }
        String digits = intPart + frac + "0".repeat(shift - frac.length());
        Long v = parseDecimal(digits.startsWith("+") ? digits.substring(1) : digits);
        if (v == null) {
            report(ConfigErrorClass.INVALID_NUMBER, n, "invalid number '" + s + "'");
            return OptionalLong.empty();
        }
        if (roundUp) {
            v++;
        }
        if (v < min || v > max) {
            long unit = pow10(shift);
            report(ConfigErrorClass.INVALID_NUMBER, n, "number '" + s + "' outside range [" + fixed(min, unit, shift)
                    + ", " + fixed(max, unit, shift) + "]");
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    /** read_timer(): seconds with µs resolution, result in µs; max 0 means TIMER_MAXIMUM. */
    public OptionalLong readTimer(Node n, String s, long minMicros, long maxMicros) {
        return readDecimal(n, s, minMicros, maxMicros == 0 ? Long.MAX_VALUE / 4 : maxMicros, 6);
    }

    private static long pow10(int shift) {
        long u = 1;
        for (int i = 0; i < shift; i++) {
            u *= 10;
        }
        return u;
    }

    private static String fixed(long v, long unit, int shift) {
        String f = Long.toString(v % unit);
        return (v / unit) + "." + "0".repeat(Math.max(0, shift - f.length())) + f;
    }

    /** check_true_false(): true/on/yes, false/off/no; anything else is empty. */
    public static Optional<Boolean> trueFalse(String s) {
        switch (s) {
            case "true": case "on": case "yes":
                return Optional.of(true);
            case "false": case "off": case "no":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }

    /**
     * The common boolean keyword form: no argument means true; an invalid argument is
     * reported with {@code invalidMessage} and yields empty.
     */
    public Optional<Boolean> flag(Node n, String invalidMessage) {
        if (n.args().isEmpty()) {
            return Optional.of(true);
        }
        Optional<Boolean> b = trueFalse(n.arg(0));
        if (b.isEmpty()) {
            error(n, invalidMessage);
        }
        return b;
    }
}
