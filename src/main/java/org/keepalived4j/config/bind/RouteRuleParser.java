package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.parser.Node;
import org.keepalived4j.util.IpAddresses;

/**
 * Route and rule lines of static_routes, virtual_routes, static_rules and virtual_rules
 * (alloc_route() in vrrp_iproute.c, alloc_rule() in vrrp_iprule.c), with keepalived's messages.
 * One instance per load: rules without a preference are numbered 16384, 16383, ... per family
 * across the whole configuration, as keepalived does.
 */
final class RouteRuleParser {
    private static final List<String> ROUTE_TYPES = List.of("unicast", "local", "broadcast", "anycast", "multicast",
            "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve");
    /** Route options that take one value and are passed through as written. */
    private static final List<String> ROUTE_VALUE_OPTIONS = List.of("protocol", "tos", "dsfield", "expires", "mtu",
            "hoplimit", "advmss", "rtt", "rttvar", "reordering", "window", "cwnd", "ssthresh", "realms", "rto_min",
            "initcwnd", "initrwnd", "features", "quickack", "congctl", "pref", "ttl-propagate", "fastopen_no_cookie",
            "as", "encap", "vrf", "track_group");
    private static final List<String> ROUTE_FLAGS = List.of("onlink", "add", "prepend", "append");
    private static final List<String> RULE_VALUE_OPTIONS = List.of("tos", "dsfield", "realms", "suppress_prefixlength",
            "sup_pl", "suppress_ifgroup", "sup_group", "tunnel-id", "uidrange", "protocol", "ipproto", "sport", "dport",
            "track_group");
    private static final List<String> RULE_ACTIONS = List.of("blackhole", "prohibit", "unreachable");
    private static final Map<String, Long> TABLES = Map.of("main", 254L, "local", 255L, "default", 253L);

    private final BindContext ctx;
    private long nextPriority4 = 16384;
    private long nextPriority6 = 16384;

    RouteRuleParser(BindContext ctx) {
        this.ctx = ctx;
    }

    private Optional<String> value(Node line, List<String> w, int i) {
        if (i >= w.size()) {
            ctx.error(line, "Missing value after '" + w.get(i - 1) + "'");
            return Optional.empty();
        }
        return Optional.of(w.get(i));
    }

    private OptionalLong table(String s) {
        Long named = TABLES.get(s);
        if (named != null) {
            return OptionalLong.of(named);
        }
        try {
            long v = Long.parseLong(s);
            return v >= 0 && v <= 0xffff_ffffL ? OptionalLong.of(v) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** One route; empty when keepalived would drop it. */
    Optional<RouteConfig> route(Node line) {
        List<String> w = line.words();
        IpAddresses.Prefix dst = null;
        String type = "unicast";
        Optional<InetAddress> src = Optional.empty();
        Optional<InetAddress> via = Optional.empty();
        Optional<String> dev = Optional.empty();
        OptionalLong table = OptionalLong.empty();
        OptionalLong metric = OptionalLong.empty();
        Optional<String> scope = Optional.empty();
        List<InetAddress> nexthops = new ArrayList<>();
        List<String> options = new ArrayList<>();
        boolean track = true;
        Boolean v6 = null;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            switch (k) {
                case "inet", "inet6" -> v6 = k.equals("inet6");
                case "src" -> {
                    Optional<InetAddress> a = value(line, w, ++i).flatMap(IpAddresses::parse);
                    if (a.isEmpty()) {
                        ctx.error(line, "invalid route src address " + (i < w.size() ? w.get(i) : ""));
                        return Optional.empty();
                    }
                    src = a;
                }
                case "via", "gw" -> {
                    if (k.equals("gw")) {
                        ctx.error(line, "\"gw\" for routes is deprecated. Please use \"via\"");
                    }
                    if (i + 1 < w.size() && (w.get(i + 1).equals("inet") || w.get(i + 1).equals("inet6"))) {
                        i++;
                    }
                    Optional<InetAddress> a = value(line, w, ++i).flatMap(IpAddresses::parse);
                    if (a.isEmpty()) {
                        ctx.error(line, "invalid route via address " + (i < w.size() ? w.get(i) : ""));
                        return Optional.empty();
                    }
                    via = a;
                }
                case "dev", "oif" -> {
                    Optional<String> d = value(line, w, ++i);
                    if (d.isEmpty()) {
                        return Optional.empty();
                    }
                    if (!ctx.host().interfaces().contains(d.get())) {
                        ctx.error(line, "WARNING - interface " + d.get() + " for VROUTE nexthop doesn't exist");
                    }
                    dev = d;
                }
                case "table" -> {
                    String t = value(line, w, ++i).orElse("");
                    table = table(t);
                    if (table.isEmpty()) {
                        ctx.error(line, "Routing table " + t + " not found for route");
                        return Optional.empty();
                    }
                }
                case "metric", "priority", "preference" -> {
                    OptionalLong v = ctx.readUnsigned(line, value(line, w, ++i).orElse(""), 0, 0xffff_ffffL);
                    if (v.isEmpty()) {
                        return Optional.empty();
                    }
                    metric = v;
                }
                case "scope" -> {
                    String s = value(line, w, ++i).orElse("");
                    if (!List.of("global", "universe", "site", "link", "host", "nowhere").contains(s)
                            && !s.chars().allMatch(Character::isDigit)) {
                        ctx.error(line, "Scope " + s + " not found or invalid for route");
                        return Optional.empty();
                    }
                    scope = Optional.of(s);
                }
                case "or" -> {
                    ctx.error(line, "\"or\" for routes is deprecated. Please use \"nexthop\"");
                    if (!nexthops.isEmpty()) {
                        ctx.error(line, "\"or\" route already specified - ignoring subsequent");
                        i++;
                        continue;
                    }
                    via.ifPresent(nexthops::add);
                    via = Optional.empty();
                    Optional<InetAddress> a = value(line, w, ++i).flatMap(IpAddresses::parse);
                    if (a.isEmpty()) {
                        ctx.error(line, "Invalid \"or\" address " + (i < w.size() ? w.get(i) : ""));
                        return Optional.empty();
                    }
                    nexthops.add(a.get());
                }
                case "nexthop" -> {
                    for (int j = i + 1; j < w.size(); j++) {
                        if (w.get(j).equals("via") && j + 1 < w.size()) {
                            IpAddresses.parse(w.get(++j)).ifPresent(nexthops::add);
                        }
                    }
                    options.addAll(w.subList(i, w.size()));
                    i = w.size();
                }
                case "no_track" -> track = false;
                default -> {
                    if (ROUTE_FLAGS.contains(k)) {
                        options.add(k);
                    } else if (ROUTE_VALUE_OPTIONS.contains(k)) {
                        options.add(k);
                        value(line, w, ++i).ifPresent(options::add);
                    } else {
                        if (k.equals("to") && i + 1 < w.size()) {
                            k = w.get(++i);
                        }
                        if (ROUTE_TYPES.contains(k) && i + 1 < w.size()) {
                            type = k;
                            k = w.get(++i);
                        }
                        Optional<IpAddresses.Prefix> p = k.equals("default") ? IpAddresses.parsePrefix(
                                Boolean.TRUE.equals(v6) ? "::/0" : "0.0.0.0/0") : IpAddresses.parsePrefix(k);
                        if (p.isEmpty()) {
                            ctx.error(line, "unknown route keyword " + k);
                            return Optional.empty();
                        }
                        dst = p.get();
                    }
                }
            }
        }
        if (dst == null) {
            ctx.error(line, "Route must have a destination");
            return Optional.empty();
        }
        if (track && dev.isEmpty()) {
            ctx.error(line, "Warning - cannot track route " + dst.display() + " with no interface specified, not tracking");
            track = false;
        }
        return Optional.of(new RouteConfig(dst, type, src, via, dev, table, metric, scope, nexthops, options, track,
                w, line.origin()));
    }

    /** One rule; empty when keepalived would drop it. */
    Optional<RuleConfig> rule(Node line) {
        List<String> w = line.words();
        Optional<IpAddresses.Prefix> from = Optional.empty();
        Optional<IpAddresses.Prefix> to = Optional.empty();
        OptionalLong preference = OptionalLong.empty();
        String action = null;
        OptionalLong fwmark = OptionalLong.empty();
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        List<String> options = new ArrayList<>();
        boolean track = true;
        Boolean v6 = null;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            switch (k) {
                case "inet", "inet6" -> v6 = k.equals("inet6");
                case "from", "to" -> {
                    String a = i + 1 < w.size() ? w.get(++i) : "";
                    Optional<IpAddresses.Prefix> p = a.equals("all") ? Optional.empty() : IpAddresses.parsePrefix(a);
                    if (!a.equals("all") && p.isEmpty()) {
                        ctx.error(line, "VRRP parsed invalid IP " + a + ". skipping IP...");
                        ctx.error(line, "Invalid rule " + k + " address " + a);
                        return Optional.empty();
                    }
                    if (p.isPresent()) {
                        boolean six = IpAddresses.isIpv6(p.get().address());
                        if (v6 != null && v6 != six) {
                            ctx.error(line, "rule specification has mixed IPv4 and IPv6");
                            return Optional.empty();
                        }
                        v6 = six;
                    }
                    if (k.equals("from")) {
                        from = p;
                    } else {
                        to = p;
                    }
                }
                case "table", "lookup" -> {
                    String t = i + 1 < w.size() ? w.get(++i) : "";
                    OptionalLong v = table(t);
                    if (v.isEmpty()) {
                        ctx.error(line, "Routing table " + t + " not found for rule");
                        return Optional.empty();
                    }
                    if (v.getAsLong() == 0) {
                        ctx.error(line, "Table 0 is not valid");
                        return Optional.empty();
                    }
                    action = setAction(line, action, "table " + v.getAsLong());
                }
                case "preference", "order", "priority" -> {
                    String v = i + 1 < w.size() ? w.get(++i) : "";
                    try {
                        preference = OptionalLong.of(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        ctx.error(line, "Invalid rule preference " + v + " specified");
                        return Optional.empty();
                    }
                }
                case "fwmark" -> {
                    String v = i + 1 < w.size() ? w.get(++i) : "";
                    try {
                        String m = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
                        fwmark = OptionalLong.of(Long.decode(m));
                    } catch (NumberFormatException e) {
                        ctx.error(line, "Invalid rule fwmark " + v + " specified");
                        return Optional.empty();
                    }
                }
                case "dev", "iif", "oif" -> {
                    String d = i + 1 < w.size() ? w.get(++i) : "";
                    if (!ctx.host().interfaces().contains(d)) {
                        ctx.error(line, "WARNING - interface " + d + " for rule doesn't exist");
                    }
                    if (k.equals("oif")) {
                        oif = Optional.of(d);
                    } else {
                        iif = Optional.of(d);
                    }
                }
                case "no_track" -> track = false;
                case "goto" -> action = setAction(line, action, "goto " + (i + 1 < w.size() ? w.get(++i) : ""));
                case "nop" -> action = setAction(line, action, "nop");
                case "type" -> {
                    String t = i + 1 < w.size() ? w.get(++i) : "";
                    if (!RULE_ACTIONS.contains(t)) {
                        ctx.error(line, "Invalid rule action " + t);
                        return Optional.empty();
                    }
                    action = setAction(line, action, t);
                }
                default -> {
                    if (RULE_ACTIONS.contains(k)) {
                        action = setAction(line, action, k);
                    } else if (RULE_VALUE_OPTIONS.contains(k)) {
                        options.add(k);
                        if (i + 1 < w.size()) {
                            options.add(w.get(++i));
                        }
                    } else {
                        ctx.error(line, "Unknown rule option " + k);
                        return Optional.empty();
                    }
                }
            }
        }
        if (action == null) {
            ctx.error(line, "No action specified for rule - ignoring");
            return Optional.empty();
        }
        long pref;
        if (preference.isPresent()) {
            pref = preference.getAsLong();
        } else {
            pref = Boolean.TRUE.equals(v6) ? nextPriority6-- : nextPriority4--;
            ctx.error(line, "Rule has no preference specified - setting to " + pref
                    + ". This is probably not what you want.");
        }
        return Optional.of(new RuleConfig(from, to, pref, action, fwmark, iif, oif, options, track, w, line.origin()));
    }

    private String setAction(Node line, String current, String action) {
        if (current != null) {
            ctx.error(line, "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable for rule");
            return current;
        }
        return action;
    }
}
