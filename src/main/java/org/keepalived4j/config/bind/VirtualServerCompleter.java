package org.keepalived4j.config.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;
import org.keepalived4j.config.model.ForwardingMethod;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.config.model.VirtualServerGroupConfig;

/**
 * keepalived's validate_check_config() (keepalived/check/check_data.c): defaults and the
 * consistency rules of virtual and real servers, with the same messages (reported without a
 * line, as keepalived does after parsing).
 */
final class VirtualServerCompleter {
    private final Diagnostics diags;
    private final long seq;

    VirtualServerCompleter(Diagnostics diags, long seq) {
        this.diags = diags;
        this.seq = seq;
    }

    private void error(String message) {
        diags.report(ConfigErrorClass.GENERAL_ERROR, Origin.NONE, Subsystem.CHECK, seq, message);
    }

    List<VirtualServerConfig> complete(List<VirtualServerBinder.VsDraft> drafts, List<VirtualServerGroupConfig> groups) {
        List<VirtualServerConfig> out = new ArrayList<>();
        for (VirtualServerBinder.VsDraft d : drafts) {
            complete(d, groups).ifPresent(out::add);
        }
        return out;
    }

    private Optional<VirtualServerConfig> complete(VirtualServerBinder.VsDraft d, List<VirtualServerGroupConfig> groups) {
        Optional<VirtualServerGroupConfig> vsg = d.group.flatMap(g -> groups.stream().filter(x -> x.name().equals(g)).findFirst());
        if (d.group.isPresent() && vsg.isEmpty()) {
            error("Virtual server group " + d.group.get() + " not found - ignoring virtual server");
            return Optional.empty();
        }
        String fmt = display(d, d.protocol);
        if (d.realServers.isEmpty()) {
            error("Virtual server " + fmt + " has no real servers - ignoring");
            return Optional.empty();
        }
        boolean groupHasAddresses = vsg.map(g -> g.entries().stream().anyMatch(e -> !e.get(0).equals("fwmark"))).orElse(false);
        boolean groupOnlyFwmarks = vsg.map(g -> g.entries().stream().allMatch(e -> e.get(0).equals("fwmark"))).orElse(false);
        boolean haSuspend = d.haSuspend;
        if (haSuspend && (d.fwmark.isPresent() || vsg.map(g -> g.entries().stream().anyMatch(e -> e.get(0).equals("fwmark"))).orElse(false))) {
            error("Virtual server " + fmt + ": cannot use ha_suspend with fwmarks - clearing ha_suspend");
            haSuspend = false;
        }
        String protocol = d.protocol;
        long persistence = d.persistence;
        java.util.Set<String> flags = new java.util.LinkedHashSet<>(d.flags);
        if (groupHasAddresses || (vsg.isEmpty() && d.fwmark.isEmpty())) {
            if (protocol.isEmpty()) {
                error("Virtual server " + fmt + ": no protocol set - defaulting to UDP");
                protocol = "UDP";
                fmt = display(d, protocol);
            }
            if (flags.contains("ops") && !protocol.equals("UDP")) {
                error("Virtual server " + fmt + ": one packet scheduling requires UDP - resetting");
                flags.remove("ops");
            }
            if (persistence == 0 && vsg.isEmpty() && d.fwmark.isEmpty() && d.port == 0) {
                error("Virtual server " + fmt + ": zero port only valid for persistent services - setting");
                persistence = 360;
            }
        }
        if (persistence == 0 && vsg.isPresent() && vsg.get().entries().stream()
                .anyMatch(e -> !e.get(0).equals("fwmark") && e.size() < 2)) {
            error("Virtual server " + fmt + ": zero port only valid for persistent services - setting");
            persistence = 360;
        }
        if (!protocol.isEmpty() && ((vsg.isPresent() && groupOnlyFwmarks) || (vsg.isEmpty() && d.fwmark.isPresent()))) {
            error("Warning: Virtual server " + fmt + ": protocol specified for fwmark - protocol will be ignored");
            protocol = "";
            fmt = display(d, protocol);
        }
        String scheduler = d.scheduler;
        if (scheduler.isEmpty()) {
            error("Virtual server " + fmt + ": no scheduler set, setting default 'wlc'");
            scheduler = "wlc";
        }
        String proto = protocol.isEmpty() ? "NONE" : protocol;
        Optional<ForwardingMethod> vsMethod = d.method;
        List<RealServerConfig> rss = new ArrayList<>();
        long weightSum = 0;
        for (RealServerConfig rs : d.realServers) {
            if (rss.stream().anyMatch(o -> o.address().equals(rs.address()) && o.port() == rs.port())) {
                error("VS " + fmt + ": real server " + rsDisplay(rs, proto) + " is duplicated - removing second rs");
                continue;
            }
            Optional<ForwardingMethod> m = rs.method();
            if (m.isEmpty()) {
                if (vsMethod.isEmpty()) {
                    error("Virtual server " + fmt + ": no forwarding method set, setting default NAT");
                    vsMethod = Optional.of(ForwardingMethod.NAT);
                }
                m = vsMethod;
            }
            int port = rs.port();
            if (d.fwmark.isPresent() && port != 0) {
                error("WARNING - fwmark virtual server " + fmt + ", real server " + rsDisplay(rs, proto)
                        + " has port specified - clearing");
                port = 0;
            } else if (d.fwmark.isEmpty() && vsg.isEmpty() && m.get() != ForwardingMethod.NAT && port != d.port) {
                if (port != 0) {
                    error("WARNING - virtual server " + fmt + " and real server " + rsDisplay(rs, proto)
                            + " ports don't match - resetting");
                }
                port = d.port;
            } else if (port == 0 && d.fwmark.isEmpty()) {
                port = d.port;
            }
            int weight = rs.weight().orElse(d.weight);
            weightSum += weight;
            rss.add(new RealServerConfig(rs.address(), port, OptionalInt.of(weight), m, rs.upperThreshold(),
                    rs.lowerThreshold(), Optional.of(rs.inhibitOnFailure().orElse(d.inhibit)), rs.notifyUp(),
                    rs.notifyDown(), Optional.of(rs.alpha().orElse(d.alpha)), rs.defaults(), rs.checkers(), rs.origin()));
        }
        long quorum = d.quorum;
        if (quorum > weightSum) {
            error("Warning - quorum " + quorum + " for " + fmt + " exceeds total weight of real servers " + weightSum
                    + ", reducing quorum to " + weightSum);
            quorum = weightSum;
        }
        long hysteresis = d.hysteresis;
        if (quorum > 0 && hysteresis >= quorum) {
            error("Virtual server " + fmt + ": hysteresis " + hysteresis + " >= quorum " + quorum
                    + "; setting hysteresis to " + (quorum - 1));
            hysteresis = quorum - 1;
        }
        return Optional.of(new VirtualServerConfig(d.address, d.port, d.fwmark, d.group, proto, scheduler,
                vsMethod.orElse(ForwardingMethod.NAT), persistence, d.granularity, d.engine, flags, d.defaults.build(),
                d.inhibit, d.alpha, d.omega, quorum, hysteresis, d.quorumUp, d.quorumDown, d.sorry, d.sorryInhibit,
                haSuspend, d.virtualhost, d.weight, rss, d.origin));
    }

    private static String display(VirtualServerBinder.VsDraft d, String protocol) {
        if (d.fwmark.isPresent()) {
            return "FWM " + d.fwmark.getAsLong();
        }
        if (d.group.isPresent()) {
            return "[" + d.group.get() + "]";
        }
        String proto = protocol.isEmpty() ? "none" : protocol.toLowerCase();
        return "[" + d.address.get().getHostAddress() + "]:" + proto + ":" + d.port;
    }

    private static String rsDisplay(RealServerConfig rs, String proto) {
        return "[" + rs.address().getHostAddress() + "]:" + proto.toLowerCase() + ":" + rs.port();
    }
}
