package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.keepalived4j.config.Origin;
import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.ForwardingMethod;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.VirtualServerGroupConfig;
import org.keepalived4j.config.parser.Node;
import org.keepalived4j.util.IpAddresses;

/**
 * Binds virtual_server, its real_servers and sorry_server, and virtual_server_group
 * (keepalived/check/check_parser.c handlers, same messages).
 */
final class VirtualServerBinder {
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf",
            "lblcr", "sed", "nq", "twos");
    private static final List<String> FLAGS = List.of("hashed", "ops", "flag-1", "flag-2", "flag-3", "sh-port",
            "sh-fallback", "mh-port", "mh-fallback");

    private final BindContext ctx;
    private final CheckerBinder checkers;
    final List<VsDraft> servers = new ArrayList<>();
    final List<VirtualServerGroupConfig> groups = new ArrayList<>();

    /** @param trackFiles the track_file blocks, filled in as they are read (FILE_CHECK names them) */
    VirtualServerBinder(BindContext ctx, java.util.Map<String, org.keepalived4j.config.model.TrackFileConfig> trackFiles) {
        this.ctx = ctx;
        this.checkers = new CheckerBinder(ctx, trackFiles);
    }

    /** @return false when the keyword is not one of this binder's */
    boolean bind(Node n) {
        switch (n.keyword()) {
            case "virtual_server" -> virtualServer(n);
            case "virtual_server_group" -> group(n);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void group(Node n) {
        String name = ctx.require(n, 1);
        List<List<String>> entries = new ArrayList<>();
        for (Node c : n.children()) {
            entries.add(c.words());
        }
        if (entries.isEmpty()) {
            ctx.error(n, "virtual server group " + name + " has no entries - removing");
            return;
        }
        groups.add(new VirtualServerGroupConfig(name, entries, n.origin()));
    }

    /** A virtual server while its block is read. */
    static final class VsDraft {
        Optional<InetAddress> address = Optional.empty();
        int port;
        OptionalLong fwmark = OptionalLong.empty();
        Optional<String> group = Optional.empty();
        String protocol = "";
        String scheduler = "";
        Optional<ForwardingMethod> method = Optional.empty();
        long persistence;
        Optional<String> granularity = Optional.empty();
        Optional<String> engine = Optional.empty();
        final Set<String> flags = new LinkedHashSet<>();
        final CheckerBinder.Common defaults = new CheckerBinder.Common();
        boolean inhibit;
        boolean alpha;
        boolean omega;
        long quorum = 1;
        long hysteresis;
        Optional<Script> quorumUp = Optional.empty();
        Optional<Script> quorumDown = Optional.empty();
        Optional<RealServerConfig> sorry = Optional.empty();
        boolean sorryInhibit;
        boolean haSuspend;
        Optional<String> virtualhost = Optional.empty();
        int weight = 1;
        final List<RealServerConfig> realServers = new ArrayList<>();
        Origin origin;
    }

    private void virtualServer(Node block) {
        String p1 = ctx.require(block, 1);
        String p2 = block.arg(1);
        VsDraft d = new VsDraft();
        d.origin = block.origin();
        if (p1.equals("group")) {
            d.group = Optional.of(ctx.require(block, 2));
        } else if (p1.equals("fwmark")) {
            OptionalLong v = ctx.readUnsigned(block, ctx.require(block, 2), 0, 0xffff_ffffL);
            if (v.isEmpty()) {
                ctx.error(block, "virtual server fwmark '" + p2 + "' must be in [0, 4294967295] - ignoring");
                return;
            }
            d.fwmark = v;
        } else {
            Optional<InetAddress> a = IpAddresses.parse(p1);
            OptionalInt port = p2 == null ? OptionalInt.of(0) : parsePort(p2);
            if (a.isEmpty() || port.isEmpty()) {
                ctx.error(block, "Invalid virtual server IP address" + (p2 != null ? "/port" : "") + " " + p1
                        + (p2 != null ? "/" + p2 : "") + " - skipping");
                return;
            }
            d.address = a;
            d.port = port.getAsInt();
        }
        String path = "virtual_server " + String.join(" ", block.args());
        for (Node n : block.children()) {
            if (checkers.common(d.defaults, n)) {
                continue;
            }
            keyword(d, n, path);
        }
        servers.add(d);
    }

    private static OptionalInt parsePort(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int v = Integer.parseInt(s);
        return v > 65535 ? OptionalInt.empty() : OptionalInt.of(v);
    }

    private void keyword(VsDraft d, Node n, String path) {
        switch (n.keyword()) {
            case "lb_algo", "lvs_sched" -> {
                String s = ctx.require(n, 1);
                if (SCHEDULERS.contains(s)) {
                    d.scheduler = s;
                } else {
                    ctx.error(n, "Invalid lvs_scheduler '" + s + "' - ignoring");
                }
            }
            case "lb_kind", "lvs_method" -> method(n, "virtual").ifPresent(m -> d.method = Optional.of(m));
            case "protocol" -> {
                String s = ctx.require(n, 1);
                if (List.of("TCP", "UDP", "SCTP").contains(s.toUpperCase())) {
                    d.protocol = s.toUpperCase();
                } else {
                    ctx.error(n, "Unknown protocol " + s + " - ignoring");
                }
            }
            case "persistence_timeout" -> {
                if (n.args().isEmpty()) {
                    d.persistence = 360;
                } else {
                    OptionalLong v = ctx.readUnsigned(n, n.arg(0), 1, 2678400);
                    if (v.isEmpty()) {
                        ctx.error(n, "persistence_timeout invalid");
                    } else {
                        d.persistence = v.getAsLong();
                    }
                }
            }
            case "persistence_granularity" -> {
                d.granularity = Optional.of(ctx.require(n, 1));
                if (d.persistence == 0) {
                    d.persistence = 360;
                }
            }
            case "persistence_engine" -> d.engine = Optional.of(ctx.require(n, 1));
            case "inhibit_on_failure" -> d.inhibit = true;
            case "alpha" -> d.alpha = true;
            case "omega" -> d.omega = true;
            case "ha_suspend" -> d.haSuspend = true;
            case "virtualhost" -> {
                if (n.args().isEmpty()) {
                    ctx.error(n, "virtual server virtualhost missing");
                } else {
                    d.virtualhost = Optional.of(n.arg(0));
                }
            }
            case "quorum" -> {
                OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 1, 0xffff_ffffL);
                if (v.isEmpty()) {
                    ctx.error(n, "Quorum " + n.arg(0) + " must be in [1, 4294967295]. Setting to 1.");
                    d.quorum = 1;
                } else {
                    d.quorum = v.getAsLong();
                }
            }
            case "hysteresis" -> {
                OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 0xffff_ffffL);
                if (v.isEmpty()) {
                    ctx.error(n, "Hysteresis " + n.arg(0) + " must be in [0, 4294967295] - ignoring");
                } else {
                    d.hysteresis = v.getAsLong();
                }
            }
            case "quorum_up" -> d.quorumUp = Scripts.parse(ctx, n);
            case "quorum_down" -> d.quorumDown = Scripts.parse(ctx, n);
            case "weight" -> {
                OptionalLong v = ctx.readInt(n, ctx.require(n, 1), 1, Integer.MAX_VALUE);
                if (v.isEmpty()) {
                    ctx.error(n, "Virtual server weight " + n.arg(0) + " is outside range 1-" + Integer.MAX_VALUE);
                } else {
                    d.weight = (int) v.getAsLong();
                }
            }
            case "sorry_server" -> server(n, path, true).ifPresent(s -> d.sorry = Optional.of(s));
            case "sorry_server_inhibit" -> {
                if (d.sorry.isEmpty()) {
                    ctx.error(n, "Ignoring sorry_server inhibit used before or without sorry_server");
                } else {
                    d.sorryInhibit = true;
                }
            }
            case "real_server" -> server(n, path, false).ifPresent(d.realServers::add);
            default -> {
                if (FLAGS.contains(n.keyword())) {
                    if (n.keyword().startsWith("sh-") && !d.scheduler.equals("sh") && !d.scheduler.isEmpty()) {
                        ctx.error(n, n.keyword() + " only applies to sh scheduler - ignoring");
                    } else {
                        d.flags.add(n.keyword());
                    }
                } else {
                    ctx.notImplemented(path, n);
                }
            }
        }
    }

    Optional<ForwardingMethod> method(Node n, String type) {
        String s = ctx.require(n, 1);
        switch (s) {
            case "NAT": return Optional.of(ForwardingMethod.NAT);
            case "DR": return Optional.of(ForwardingMethod.DR);
            case "TUN":
                if (n.args().size() > 1) {
                    ctx.notImplemented(n.keyword() + " TUN", n);
                }
                return Optional.of(ForwardingMethod.TUN);
            default:
                ctx.error(n, "PARSER : unknown [" + s + "] routing method for " + type + " server.");
                return Optional.empty();
        }
    }

    private Optional<RealServerConfig> server(Node block, String path, boolean sorry) {
        String ip = ctx.require(block, 1);
        String portText = block.arg(1);
        Optional<InetAddress> a = IpAddresses.parse(ip);
        OptionalInt port = portText == null ? OptionalInt.of(0) : parsePort(portText);
        if (a.isEmpty() || port.isEmpty()) {
            ctx.error(block, "Invalid " + (sorry ? "sorry" : "real") + " server ip address/port " + ip + "/"
                    + (portText == null ? "0" : portText) + " - skipping");
            return Optional.empty();
        }
        CheckerBinder.Common common = new CheckerBinder.Common();
        OptionalInt weight = OptionalInt.empty();
        Optional<ForwardingMethod> method = Optional.empty();
        OptionalLong upper = OptionalLong.empty();
        OptionalLong lower = OptionalLong.empty();
        Optional<Boolean> inhibit = Optional.empty();
        Optional<Script> up = Optional.empty();
        Optional<Script> down = Optional.empty();
        List<CheckerConfig> checks = new ArrayList<>();
        String here = path + " > " + block.keyword() + " " + String.join(" ", block.args());
        for (Node n : block.children()) {
            if (checkers.common(common, n)) {
                continue;
            }
            switch (n.keyword()) {
                case "weight" -> {
                    OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, Integer.MAX_VALUE);
                    if (v.isEmpty()) {
                        ctx.error(n, "Real server weight " + n.arg(0) + " is outside range 0-" + Integer.MAX_VALUE);
                    } else {
                        weight = OptionalInt.of((int) v.getAsLong());
                    }
                }
                case "lvs_method" -> method = method(n, "real");
                case "uthreshold" -> upper = threshold(n, "uthreshold");
                case "lthreshold" -> lower = threshold(n, "lthreshold");
                case "inhibit_on_failure" -> inhibit = ctx.flag(n, "Invalid inhibit_on_failure parameter " + n.arg(0));
                case "notify_up" -> up = Scripts.parse(ctx, n);
                case "notify_down" -> down = Scripts.parse(ctx, n);
                default -> {
                    if (CheckerBinder.isChecker(n.keyword())) {
                        checkers.bind(n, here).ifPresent(checks::add);
                    } else {
                        ctx.notImplemented(here, n);
                    }
                }
            }
        }
        return Optional.of(new RealServerConfig(a.get(), port.getAsInt(), weight, method, upper, lower, inhibit, up,
                down, common.alpha, common.build(), checks, block.origin()));
    }

    private OptionalLong threshold(Node n, String what) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 0xffff_ffffL);
        if (v.isEmpty()) {
            ctx.error(n, "Invalid real_server " + what + " '" + n.arg(0) + "' - ignoring");
        }
        return v;
    }
}
