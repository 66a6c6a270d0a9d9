package org.keepalived4j.config.bind.route;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.Prefix;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.model.RuleConfig.Action;
import org.keepalived4j.config.model.RuleConfig.Range;

/** One rule line, with keepalived 2.2.7's acceptance rules and messages. */
public final class RuleParsing {
    private static final String TOO_MANY = "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable";
    /** sscanf("%u-%u") / sscanf("%hu-%hu"): leading number, optionally '-' and a second number. */
    private static final Pattern RANGE = Pattern.compile("\\s*\\+?(\\d+)(?:-\\s*\\+?(\\d+))?.*", Pattern.DOTALL);

    private final LineReader r;
    private final RouteContext ctx;
    private Optional<Family> family = Optional.empty();
    private boolean invert;
    private Optional<Prefix> from = Optional.empty();
    private Optional<Prefix> to = Optional.empty();
    private OptionalLong priority = OptionalLong.empty();
    private Action action;
    private long table;
    private OptionalLong gotoTarget = OptionalLong.empty();
    private int tos;
    private OptionalLong fwmark = OptionalLong.empty();
    private OptionalLong fwmask = OptionalLong.empty();
    private Optional<String> iif = Optional.empty();
    private Optional<String> oif = Optional.empty();
    private OptionalLong realms = OptionalLong.empty();
    private OptionalInt suppressPrefixLength = OptionalInt.empty();
    private OptionalLong suppressIfgroup = OptionalLong.empty();
    private OptionalLong tunnelId = OptionalLong.empty();
    private Optional<Range> uidRange = Optional.empty();
    private Optional<Range> sport = Optional.empty();
    private Optional<Range> dport = Optional.empty();
    private OptionalInt protocol = OptionalInt.empty();
    private OptionalInt ipProto = OptionalInt.empty();
    private boolean l3mdev;
    private boolean tableOption;
    private boolean noTrack;
    private Optional<String> trackGroup = Optional.empty();

    private RuleParsing(LineReader r, RouteContext ctx) {
        this.r = r;
        this.ctx = ctx;
    }

    public static Optional<RuleConfig> parse(LineReader r, RouteContext ctx) {
        return new RuleParsing(r, ctx).run();
    }

    private boolean family(Optional<Family> f, String mismatch) {
        if (family.isEmpty()) {
            family = f;
        } else if (!family.equals(f)) {
            r.error(mismatch);
            return false;
        }
        return true;
    }

    private Optional<Family> familyOf(Prefix p, String written) {
        return written.equals("default6") ? Optional.of(Family.INET6) : p.address().map(Family::of);
    }

    private Optional<RuleConfig> run() {
        int i = 0;
        loop:
        while (i < r.size()) {
            String k = r.slot(i);
            switch (k) {
                case "inet6", "inet" -> {
                    Family f = k.equals("inet6") ? Family.INET6 : Family.INET;
                    if (!family(Optional.of(f), k + " specified for " + (f == Family.INET6 ? "IPv4" : "IPv6") + " rule")) {
                        return Optional.empty();
                    }
                    i++; // keepalived steps over the following word as well
                }
                case "from", "to" -> {
                    String s = r.slot(++i);
                    Optional<Prefix> p = r.parseRoute(s);
                    if (p.isEmpty()) {
                        r.error("Invalid rule " + k + " address " + s);
                        return Optional.empty();
                    }
                    if (k.equals("from")) {
                        from = p;
                    } else {
                        to = p;
                    }
                    if (!family(familyOf(p.get(), s), "rule specification has mixed IPv4 and IPv6")) {
                        return Optional.empty();
                    }
                }
                case "table", "lookup" -> {
                    String s = r.slot(++i);
                    OptionalLong v = RtTables.table(s);
                    if (v.isEmpty()) {
                        r.error("Routing table " + s + " not found for rule");
                        return Optional.empty();
                    }
                    if (v.getAsLong() == 0) {
                        r.error("Table 0 is not valid");
                        return Optional.empty();
                    }
                    table = v.getAsLong();
                    if (action != null) {
                        r.error(TOO_MANY + " for rule");
                        return Optional.empty();
                    }
                    action = Action.TABLE;
                }
                case "not" -> invert = true;
                case "preference", "order", "priority" -> {
                    // keepalived names the keyword, not the value, in this message
                    priority = r.readUnsigned(r.slot(++i), 0, 0, LineReader.UINT_MAX);
                    if (priority.isEmpty()) {
                        r.error("Invalid rule preference " + k + " specified");
                        return Optional.empty();
                    }
                }
                case "tos", "dsfield" -> {
                    String s = r.slot(++i);
                    OptionalLong v = RtTables.dsfield(s);
                    if (v.isEmpty()) {
                        r.error("TOS value " + s + " is invalid");
                        return Optional.empty();
                    }
                    tos = (int) v.getAsLong();
                }
                case "fwmark" -> {
                    if (!fwmark(r.slot(++i))) {
                        return Optional.empty();
                    }
                }
                case "realms" -> {
                    String s = r.slot(++i);
                    realms = RtTables.realms(s);
                    if (realms.isEmpty()) {
                        r.error("invalid realms " + s + " for rule");
                        return Optional.empty();
                    }
                    tableOption = true;
                    if (family.isEmpty()) {
                        family = Optional.of(Family.INET);
                    } else if (family.get() != Family.INET) {
                        r.error("realms is only valid for IPv4");
                        return Optional.empty();
                    }
                }
                case "suppress_prefixlength", "sup_pl" -> {
                    OptionalLong v = r.readUnsigned(r.slot(++i), 10, 0, Integer.MAX_VALUE);
                    if (v.isEmpty()) {
                        r.error("Invalid suppress_prefixlength " + k + " specified");
                        return Optional.empty();
                    }
                    suppressPrefixLength = OptionalInt.of((int) v.getAsLong());
                    tableOption = true;
                }
                case "suppress_ifgroup", "sup_group" -> {
                    String s = r.slot(++i);
                    suppressIfgroup = RtTables.group(s);
                    if (suppressIfgroup.isEmpty()) {
                        r.error("suppress_group " + s + " is invalid");
                        return Optional.empty();
                    }
                    tableOption = true;
                }
                case "dev", "iif", "oif" -> {
                    String s = r.slot(++i);
                    if (!ctx.interfaceExists().test(s)) {
                        r.error("WARNING - interface " + s + " for rule doesn't exist");
                        return Optional.empty();
                    }
                    if (k.equals("oif")) {
                        oif = Optional.of(s);
                    } else {
                        iif = Optional.of(s);
                    }
                }
                case "tunnel-id" -> {
                    Optional<BigInteger> v = r.readUnsigned64(r.slot(++i));
                    if (v.isEmpty()) {
                        r.error("Invalid tunnel-id " + k + " specified");
                        return Optional.empty();
                    }
                    tunnelId = OptionalLong.of(v.get().longValue());
                }
                case "uidrange" -> {
                    Matcher m = RANGE.matcher(r.slot(++i));
                    if (!m.matches() || m.group(2) == null || !fitsU32(m.group(1)) || !fitsU32(m.group(2))) {
                        r.error("Invalid uidrange " + k + " specified");
                        return Optional.empty();
                    }
                    uidRange = Optional.of(new Range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                }
                case "l3mdev" -> {
                    l3mdev = true;
                    if (action != null) {
                        r.error("Cannot specify l3mdev with other action");
                        return Optional.empty();
                    }
                    action = Action.TABLE;
                }
                case "protocol" -> {
                    String s = r.slot(++i);
                    OptionalLong v = r.readUnsigned(s, 10, 0, 255);
                    if (v.isEmpty()) {
                        r.error("Invalid protocol " + s);
                    } else {
                        protocol = OptionalInt.of((int) v.getAsLong());
                    }
                }
                case "ipproto" -> {
                    String s = r.slot(++i);
                    Optional<Integer> v = RtTables.ipProto(s);
                    if (v.isEmpty()) {
                        r.error("Invalid ipproto " + s);
                    } else {
                        ipProto = OptionalInt.of(v.get());
                    }
                }
                case "sport", "dport" -> {
                    String s = r.slot(++i);
                    Matcher m = RANGE.matcher(s);
                    // keepalived rejects a single port (sscanf returning 1), although it means to accept it
                    if (!m.matches() || m.group(2) == null) {
                        r.error("invalid " + k + " range " + s);
                    } else {
                        Range range = new Range(Long.parseLong(m.group(1)) & 0xffff, Long.parseLong(m.group(2)) & 0xffff);
                        if (k.equals("sport")) {
                            sport = Optional.of(range);
                        } else {
                            dport = Optional.of(range);
                        }
                    }
                }
                case "no_track" -> noTrack = true;
                default -> {
                    if (k.equals("track_group") && ctx.staticEntry()) {
                        String g = r.slot(++i);
                        if (trackGroup.isPresent()) {
                            r.error("track_group " + g + " is a duplicate");
                            break loop;
                        }
                        if (ctx.trackGroupExists().test(g)) {
                            trackGroup = Optional.of(g);
                        } else {
                            r.error("track_group " + g + " not found");
                        }
                    } else {
                        String a = k;
                        if (a.equals("type")) {
                            a = r.slot(++i);
                        }
                        Action act;
                        if (a.equals("goto")) {
                            OptionalLong t = r.readUnsigned(r.slot(++i), 10, 0, LineReader.UINT_MAX);
                            if (t.isEmpty()) {
                                r.error("Invalid target " + a + " specified");
                                return Optional.empty();
                            }
                            gotoTarget = t;
                            act = Action.GOTO;
                        } else if (a.equals("nop")) {
                            act = Action.NOP;
                        } else {
                            OptionalLong t = RtTables.rtntype(a);
                            if (t.isEmpty()) {
                                r.error("Unknown rule option " + a);
                                return Optional.empty();
                            }
                            act = switch ((int) t.getAsLong()) {
                                case 6 -> Action.BLACKHOLE;
                                case 7 -> Action.UNREACHABLE;
                                case 8 -> Action.PROHIBIT;
                                default -> null;
                            };
                            if (act == null) {
                                r.error("Invalid rule action " + a);
                                return Optional.empty();
                            }
                        }
                        if (action != null) {
                            r.error(TOO_MANY + "/l3mdev for rule");
                            return Optional.empty();
                        }
                        action = act;
                    }
                }
            }
            i++;
        }

        if (action == Action.GOTO) {
            if (priority.isEmpty()) {
                r.error("Invalid rule - goto target " + gotoTarget.getAsLong() + " specified without preference");
                return Optional.empty();
            }
            if (priority.getAsLong() >= gotoTarget.getAsLong()) {
                r.error("Invalid rule - preference " + priority.getAsLong() + " >= goto target "
                        + gotoTarget.getAsLong());
                return Optional.empty();
            }
        }
        if (action == null) {
            r.error("No action specified for rule - ignoring");
            return Optional.empty();
        }
        if (action != Action.TABLE && tableOption) {
            r.error("suppressor/realm specified for non table action - skipping");
            return Optional.empty();
        }
        if (table != 0 && l3mdev) {
            r.error("table cannot be specified for l3mdev rules");
            return Optional.empty();
        }
        if (!noTrack) {
            if (protocol.isPresent() && protocol.getAsInt() != RouteConfig.RTPROT_KEEPALIVED) {
                r.error("Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(" + RouteConfig.RTPROT_KEEPALIVED
                        + "), resetting protocol");
            }
            protocol = OptionalInt.of(RouteConfig.RTPROT_KEEPALIVED);
        }
        if (trackGroup.isPresent() && iif.isEmpty()) {
            r.error("Static rule cannot have track_group if dev/iif not specified");
            trackGroup = Optional.empty();
        }
        Family fam = family.orElse(Family.INET);
        boolean assigned = priority.isEmpty();
        if (assigned) {
            priority = OptionalLong.of(ctx.priorities().next(fam == Family.INET6));
            r.error("Rule has no preference specified - setting to " + priority.getAsLong()
                    + ". This is probably not what you want.");
        }
        return Optional.of(new RuleConfig(fam, invert, from, to, priority.getAsLong(), assigned, action, table,
                gotoTarget, tos, fwmark, fwmask, iif, oif, realms, suppressPrefixLength, suppressIfgroup, tunnelId,
                uidRange, sport, dport, protocol, ipProto, l3mdev, !noTrack, trackGroup, r.words(),
                r.line().origin()));
    }

    private static boolean fitsU32(String digits) {
        return digits.length() <= 10 && Long.parseLong(digits) <= LineReader.UINT_MAX;
    }

    /** fwmark N[/M], each as strtoul() base 0 reads it. */
    private boolean fwmark(String s) {
        String t = s.stripLeading();
        boolean ok = !t.startsWith("-");
        long mark = 0;
        long mask = 0;
        boolean hasMask = false;
        if (ok) {
            LineReader.Strtoul v = LineReader.strtoul(t, 0);
            int end = v.end();
            ok = !v.overflow() && v.value().compareTo(BigInteger.valueOf(LineReader.UINT_MAX)) <= 0;
            mark = v.value().longValue();
            if (ok && end < t.length() && t.charAt(end) == '/') {
                String m = t.substring(end + 1);
                if (!m.isEmpty() && (LineReader.isSpace(m.charAt(0)) || m.charAt(0) == '-')) {
                    ok = false;
                } else {
                    LineReader.Strtoul mv = LineReader.strtoul(m, 0);
                    ok = !mv.overflow() && mv.value().compareTo(BigInteger.valueOf(LineReader.UINT_MAX)) <= 0;
                    mask = mv.value().longValue();
                    hasMask = true;
                    end = end + 1 + mv.end();
                }
            }
            ok = ok && end == t.length();
        }
        if (!ok) {
            r.error("Invalid rule fwmark " + t + " specified");
            return false;
        }
        fwmark = OptionalLong.of(mark);
        fwmask = hasMask ? OptionalLong.of(mask) : OptionalLong.empty();
        return true;
    }
}
