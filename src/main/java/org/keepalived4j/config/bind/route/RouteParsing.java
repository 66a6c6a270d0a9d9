package org.keepalived4j.config.bind.route;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RouteConfig.Encap;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.InsertMode;
import org.keepalived4j.config.model.RouteConfig.Nexthop;
import org.keepalived4j.config.model.RouteConfig.Prefix;

/** One route line, with keepalived 2.2.7's acceptance rules and messages. */
public final class RouteParsing {
    private final LineReader r;
    private final RouteContext ctx;
    private Optional<Family> family = Optional.empty();
    private Prefix dst;
    private String dest;
    private int type = RouteConfig.RTN_UNICAST;
    private Optional<InetAddress> via = Optional.empty();
    private Optional<InetAddress> src = Optional.empty();
    private Optional<Prefix> from = Optional.empty();
    private Optional<String> dev = Optional.empty();
    private long table = RouteConfig.RT_TABLE_MAIN;
    private OptionalLong metric = OptionalLong.empty();
    private int scope;
    private OptionalInt protocol = OptionalInt.empty();
    private OptionalInt tos = OptionalInt.empty();
    private OptionalLong realms = OptionalLong.empty();
    private boolean onlink;
    private InsertMode mode = InsertMode.PREPEND;
    private Optional<Encap> encap = Optional.empty();
    private final List<Nexthop> nexthops = new ArrayList<>();
    private boolean noTrack;
    private Optional<String> trackGroup = Optional.empty();
    private boolean trackGroupSeen;

    private final NexthopParsing.FamilyAccess familyAccess = new NexthopParsing.FamilyAccess() {
        @Override
        public Optional<Family> get() {
            return family;
        }

        @Override
        public void set(Family f) {
            family = Optional.of(f);
        }
    };
    private final RouteMetricsParsing metrics;

    private RouteParsing(LineReader r, RouteContext ctx) {
        this.r = r;
        this.ctx = ctx;
        this.metrics = new RouteMetricsParsing(r, familyAccess);
    }

    public static Optional<RouteConfig> parse(LineReader r, RouteContext ctx) {
        return new RouteParsing(r, ctx).run();
    }

    /** A family seen; false (after the message) when it contradicts the route's. */
    private boolean family(Family f, String mismatch) {
        if (family.isEmpty()) {
            family = Optional.of(f);
        } else if (family.get() != f) {
            r.error(mismatch);
            return false;
        }
        return true;
    }

    private Optional<RouteConfig> run() {
        int i = 0;
        boolean doNexthop = false;
        loop:
        while (i < r.size()) {
            String k = r.slot(i);
            switch (k) {
                case "inet6", "inet" -> {
                    Family f = k.equals("inet6") ? Family.INET6 : Family.INET;
                    if (!family(f, k + " specified for " + (f == Family.INET6 ? "IPv4" : "IPv6") + " route")) {
                        return Optional.empty();
                    }
                    i++; // keepalived steps over the following word as well
                }
                case "src" -> {
                    String s = r.slot(++i);
                    Optional<Prefix> a = r.parseAddress(s, false);
                    if (a.isEmpty()) {
                        r.error("invalid route src address " + s);
                        return Optional.empty();
                    }
                    src = a.get().address();
                    if (!family(Family.of(src.get()), "Cannot mix IPv4 and IPv6 addresses for route")) {
                        return Optional.empty();
                    }
                }
                case "as" -> {
                    if (r.slot(++i).equals("to")) {
                        i++;
                    }
                    r.error("\"as to\" for MPLS only - ignoring");
                }
                case "via", "gw" -> {
                    if (k.equals("gw")) {
                        r.error("\"gw\" for routes is deprecated. Please use \"via\"");
                    }
                    String s = r.slot(++i);
                    Optional<Family> f = family;
                    if (s.equals("inet") || s.equals("inet6")) {
                        f = Optional.of(s.equals("inet") ? Family.INET : Family.INET6);
                        s = r.slot(++i);
                    }
                    if (f.isPresent() && !family(f.get(), "Cannot mix IPv4 and IPv6 addresses for route")) {
                        return Optional.empty();
                    }
                    Optional<Prefix> a = r.parseAddress(s, false);
                    if (a.isEmpty()) {
                        r.error("invalid route via address " + s);
                        return Optional.empty();
                    }
                    via = a.get().address();
                    if (!family(Family.of(via.get()), "Cannot mix IPv4 and IPv6 addresses for route")) {
                        return Optional.empty();
                    }
                }
                case "from" -> {
                    String s = r.slot(++i);
                    Optional<Prefix> p = r.parseRoute(s);
                    if (p.isEmpty()) {
                        r.error("invalid route from address " + s);
                        return Optional.empty();
                    }
                    if (!p.get().address().map(a -> Family.of(a) == Family.INET6).orElse(s.equals("default6"))) {
                        r.error("route from address only supported with IPv6 (" + s + ")");
                        return Optional.empty();
                    }
                    from = p;
                    if (!family(Family.INET6, "Cannot mix IPv4 and IPv6 addresses for route")) {
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
                    tos = OptionalInt.of((int) v.getAsLong());
                }
                case "table" -> {
                    String s = r.slot(++i);
                    OptionalLong v = RtTables.table(s);
                    if (v.isEmpty()) {
                        r.error("Routing table " + s + " not found for route");
                        return Optional.empty();
                    }
                    table = v.getAsLong();
                }
                case "protocol" -> {
                    String s = r.slot(++i);
                    OptionalLong v = RtTables.protocol(s);
                    if (v.isEmpty()) {
                        r.error("Protocol " + s + " not found or invalid for route");
                        return Optional.empty();
                    }
                    protocol = OptionalInt.of((int) v.getAsLong());
                }
                case "scope" -> {
                    String s = r.slot(++i);
                    OptionalLong v = RtTables.scope(s);
                    if (v.isEmpty()) {
                        r.error("Scope " + s + " not found or invalid for route");
                        return Optional.empty();
                    }
                    scope = (int) v.getAsLong();
                }
                case "metric", "priority", "preference" -> {
                    metric = r.getUnsigned(r.slot(++i), LineReader.UINT_MAX, "Invalid metric %s specified for route");
                    if (metric.isEmpty()) {
                        return Optional.empty();
                    }
                }
                case "dev", "oif" -> {
                    String s = r.slot(++i);
                    if (!ctx.interfaceExists().test(s)) {
                        r.error("WARNING - interface " + s + " for VROUTE nexthop doesn't exist");
                        return Optional.empty();
                    }
                    dev = Optional.of(s);
                }
                case "onlink" -> onlink = true;
                case "encap" -> {
                    EncapParsing.Result e = EncapParsing.parse(r, i);
                    encap = e.encap().or(() -> encap);
                    i = e.next() - 1;
                }
                case "realms" -> {
                    String s = r.slot(++i);
                    OptionalLong v = RtTables.realms(s);
                    if (v.isEmpty()) {
                        r.error("Invalid realms " + s + " for route");
                        return Optional.empty();
                    }
                    if (family.equals(Optional.of(Family.INET6))) {
                        r.error("realms are only valid for IPv4");
                        return Optional.empty();
                    }
                    family = Optional.of(Family.INET);
                    realms = v;
                }
                case "add" -> mode = InsertMode.ADD;
                case "prepend" -> mode = InsertMode.PREPEND;
                case "append" -> mode = InsertMode.APPEND;
                case "or" -> {
                    r.error("\"or\" for routes is deprecated. Please use \"nexthop\"");
                    if (!nexthops.isEmpty()) {
                        r.error("\"or\" route already specified - ignoring subsequent");
                        i += 2;
                        continue loop;
                    }
                    nexthops.add(new Nexthop(via, Optional.empty(), OptionalInt.empty(), false, OptionalLong.empty(),
                            Optional.empty()));
                    via = Optional.empty();
                    String s = r.slot(++i);
                    Optional<Prefix> a = r.parseAddress(s, false);
                    if (a.isEmpty()) {
                        r.error("Invalid \"or\" address " + s);
                        return Optional.empty();
                    }
                    nexthops.add(new Nexthop(a.get().address(), Optional.empty(), OptionalInt.empty(), false,
                            OptionalLong.empty(), Optional.empty()));
                }
                case "nexthop" -> {
                    if (!nexthops.isEmpty()) {
                        r.error("Cannot specify nexthops with \"or\" route");
                    } else {
                        doNexthop = true;
                    }
                    break loop;
                }
                case "no_track" -> noTrack = true;
                case "vrf" -> {
                    String s = r.slot(++i);
                    r.error(ctx.interfaceExists().test(s) ? "Route specified VRF " + s + " is not a VRF"
                            : "VRF " + s + " not found for route");
                    return Optional.empty();
                }
                default -> {
                    int used = metrics.word(k, i);
                    if (used == RouteMetricsParsing.FAIL) {
                        return Optional.empty();
                    }
                    if (used != RouteMetricsParsing.NOT_MINE) {
                        i = used;
                    } else if (k.equals("track_group") && ctx.staticEntry()) {
                        String g = r.slot(++i);
                        if (trackGroupSeen) {
                            r.error("track_group " + g + " is a duplicate");
                            break loop;
                        }
                        if (ctx.trackGroupExists().test(g)) {
                            trackGroupSeen = true;
                            trackGroup = Optional.of(g);
                        } else {
                            r.error("track_group " + g + " not found");
                        }
                    } else if (!destination(k, i)) {
                        return Optional.empty();
                    } else {
                        i = destIndex;
                    }
                }
            }
            i++;
        }

        if (doNexthop) {
            NexthopParsing.parse(r, i, ctx, familyAccess, nexthops);
        } else if (i < r.size()) {
            r.error("Route has trailing nonsense - " + r.slot(i));
            return Optional.empty();
        }
        if (dst == null) {
            r.error("Route must have a destination");
            return Optional.empty();
        }
        if (!noTrack) {
            if (protocol.isPresent() && protocol.getAsInt() != RouteConfig.RTPROT_KEEPALIVED) {
                r.error("Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(" + RouteConfig.RTPROT_KEEPALIVED
                        + "), resetting protocol");
            }
            protocol = OptionalInt.of(RouteConfig.RTPROT_KEEPALIVED);
            if (dev.isEmpty()) {
                r.error("Warning - cannot track route " + dest + " with no interface specified, not tracking");
                noTrack = true;
            }
        }
        if (trackGroup.isPresent() && dev.isEmpty()) {
            r.error("Static route cannot have track group if no oif specified");
            trackGroup = Optional.empty();
        }
        return Optional.of(new RouteConfig(family.orElse(Family.INET), dst, type, via, src, from, dev, table, metric,
                scope, protocol, tos, realms, metrics.metrics, metrics.locked, metrics.congctl, metrics.ecn, onlink, mode,
                encap, nexthops, !noTrack, trackGroup, r.words(), r.line().origin()));
    }

    private int destIndex;

    /** [to] [TYPE] PREFIX: anything unrecognised is taken as the destination. */
    private boolean destination(String k, int i) {
        if (k.equals("to")) {
            i++;
        }
        // keepalived tests the type against the word before 'to' was skipped
        OptionalLong t = RtTables.rtntype(k);
        if (t.isPresent()) {
            type = (int) t.getAsLong();
            i++;
        }
        String d = r.slot(i);
        Optional<Prefix> p = r.parseRoute(d);
        if (p.isEmpty()) {
            r.error("unknown route keyword " + d);
            return false;
        }
        dest = d;
        dst = p.get();
        Optional<Family> f = p.get().address().map(Family::of);
        if (d.equals("default6")) {
            f = Optional.of(Family.INET6);
        }
        if (family.isEmpty()) {
            family = f;
        } else if (!family.equals(f)) {
            r.error("Cannot mix IPv4 and IPv6 addresses for route (" + d + ")");
            return false;
        }
        destIndex = i;
        return true;
    }


}
