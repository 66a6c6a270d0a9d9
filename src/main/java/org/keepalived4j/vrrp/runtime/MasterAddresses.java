package org.keepalived4j.vrrp.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.fsm.VrrpFsm;
import org.keepalived4j.vrrp.fsm.VrrpMessages;
import org.keepalived4j.vrrp.port.Ports;

/**
 * What an instance puts on the host while it is MASTER, in keepalived's order: the firewall drop
 * sets (no_accept), the addresses (VIPs and excluded VIPs), the virtual routes and rules, and the
 * gratuitous ARPs / unsolicited neighbour adverts with their delayed repeat and periodic refresh;
 * and their removal in the reverse order. The configuration in force is passed in (it changes
 * with reloads). Event-loop thread only.
 */
final class MasterAddresses {
    private final Ports ports;
    private final String ifname;
    private final String vipIfname;
    private final RouteRuleSet routes;
    private final AcceptMode acceptMode;
    private long garpDeadline = VrrpFsm.NEVER;
    private long refreshDeadline = VrrpFsm.NEVER;

    /**
     * @param ifname    the instance's interface (the firewall's drop rules name it)
     * @param vipIfname the interface VIPs without {@code dev} go on (use_vmac: the VMAC)
     */
    MasterAddresses(Ports ports, String ifname, String vipIfname, RouteRuleSet routes) {
        this.ports = ports;
        this.ifname = ifname;
        this.vipIfname = vipIfname;
        this.routes = routes;
        this.acceptMode = new AcceptMode(ports.firewall(), ports.log());
    }

    /** The next garp_master_delay repeat or garp_master_refresh, NEVER when none is armed. */
    long nextDeadline() {
        return Math.min(garpDeadline, refreshDeadline);
    }

    /** Delayed and periodic announcements that are due. */
    void tick(long now, VrrpInstanceConfig cfg, boolean master) {
        if (now >= garpDeadline) {
            garpDeadline = VrrpFsm.NEVER;
            if (master) {
                announce(cfg, allVips(cfg), cfg.garp().masterRepeat());
            }
        }
        if (now >= refreshDeadline) {
            // garp_master_refresh: re-announce periodically while MASTER (vrrp_state_master_tx())
            refreshDeadline = now + cfg.garp().masterRefreshMicros();
            if (master) {
                announce(cfg, allVips(cfg), cfg.garp().masterRefreshRepeat());
            }
        }
    }

    /** vrrp_state_become_master(): the firewall drop rule is set before "setting VIPs." */
    void firewallBecomeMaster(VrrpInstanceConfig cfg) {
        acceptMode.becomeMaster(cfg, ifname);
    }

    /**
     * A reload: routes and rules no longer configured go (in any state); a MASTER removes the
     * addresses no longer configured, updates its drop sets, adds (and announces) the new
     * addresses and re-adds its routes. Same address and attributes = same VIP, wherever it is
     * written in the file (display() omits the origin).
     */
    void reload(VrrpInstanceConfig before, VrrpInstanceConfig next, boolean master) {
        routes.reload(next.virtualRoutes(), next.virtualRules());
        if (!master) {
            return;
        }
        List<VipAddress> was = allVips(before);
        List<VipAddress> after = allVips(next);
        Set<String> wasKeys = was.stream().map(VipAddress::display).collect(Collectors.toSet());
        Set<String> kept = after.stream().map(VipAddress::display).collect(Collectors.toSet());
        List<VipAddress> gone = was.stream().filter(v -> !kept.contains(v.display())).toList();
        List<VipAddress> added = after.stream().filter(v -> !wasKeys.contains(v.display())).toList();
        removeVips(next, gone);
        acceptMode.reloadMaster(next, ifname);   // clear_diff_vrrp_vip(), then restore_vrrp_state()
        addVips(next, added);
        setRoutesAndRules(next, true);
        announce(next, added, next.garp().masterRepeat());
    }

    private static List<VipAddress> allVips(VrrpInstanceConfig cfg) {
        List<VipAddress> all = new ArrayList<>(cfg.virtualIpAddresses());
        all.addAll(cfg.excludedVirtualIpAddresses());
        return all;
    }

    /** vrrp_state_become_master(): the addresses, the virtual routes and rules, the announcements. */
    void becomeMaster(long now, VrrpInstanceConfig cfg) {
        addVips(cfg, allVips(cfg));
        setRoutesAndRules(cfg, false);
        announce(cfg, allVips(cfg), cfg.garp().masterRepeat());
        if (cfg.garp().masterDelayMicros() > 0) {
            garpDeadline = now + cfg.garp().masterDelayMicros();
        }
        if (cfg.garp().masterRefreshMicros() > 0) {
            refreshDeadline = now + cfg.garp().masterRefreshMicros();
        }
    }

    private void addVips(VrrpInstanceConfig cfg, List<VipAddress> vips) {
        for (VipAddress v : vips) {
            try {
                ports.vips().add(v.dev().orElse(vipIfname), v);
            } catch (IOException e) {
                ports.log().info("(" + cfg.name() + ") cannot add " + v.display() + ": " + e.getMessage());
            }
        }
    }

    private void announce(VrrpInstanceConfig cfg, List<VipAddress> vips, int repeat) {
        for (VipAddress v : vips) {
            String dev = v.dev().orElse(vipIfname);
            String what = v.isIpv6() ? "Unsolicited Neighbour Adverts" : "gratuitous ARPs";
            ports.log().detail(VrrpMessages.queueingGarps(cfg.name(), what, dev, v.address().getHostAddress()));
            for (int i = 0; i < repeat; i++) {
                try {
                    ports.announcer().announce(dev, v.address());
                    ports.log().detail(v.isIpv6() ? VrrpMessages.sendingUnsolicitedNa(dev, v.address().getHostAddress())
                            : VrrpMessages.sendingGarp(dev, v.address().getHostAddress()));
                } catch (IOException e) {
                    ports.log().info("Error sending gratuitous ARP on " + dev + " for " + v.address().getHostAddress()
                            + ": " + e.getMessage());
                    break;
                }
            }
        }
    }

    /**
     * vrrp_state_become_master(): after the addresses, the virtual routes, then the virtual rules
     * (before the gratuitous ARPs). A reload re-adds every route ({@code force}).
     */
    private void setRoutesAndRules(VrrpInstanceConfig cfg, boolean force) {
        if (routes.hasRoutes()) {
            ports.log().detail(RouteMessages.virtualRoutes(cfg.name(), true));
            routes.addRoutes(force);
        }
        if (routes.hasRules()) {
            ports.log().detail(RouteMessages.virtualRules(cfg.name(), true));
            routes.addRules();
        }
    }

    /** vrrp_restore_interface(): the rules, then the routes, then (the caller) the addresses. */
    private void removeRoutesAndRules(VrrpInstanceConfig cfg) {
        if (routes.hasRules()) {
            ports.log().detail(RouteMessages.virtualRules(cfg.name(), false));
            routes.removeRules();
        }
        if (routes.hasRoutes()) {
            ports.log().detail(RouteMessages.virtualRoutes(cfg.name(), false));
            routes.removeRoutes();
        }
    }

    /** vrrp_restore_interface(): rules, routes, addresses, then the firewall drop sets. */
    void leaveMaster(VrrpInstanceConfig cfg) {
        removeRoutesAndRules(cfg);
        removeVips(cfg, allVips(cfg));
        acceptMode.leaveMaster(cfg);    // vrrp_restore_interface(): after the addresses
        garpDeadline = VrrpFsm.NEVER;
        refreshDeadline = VrrpFsm.NEVER;
    }

    private void removeVips(VrrpInstanceConfig cfg, List<VipAddress> vips) {
        for (VipAddress v : vips) {
            try {
                ports.vips().remove(v.dev().orElse(vipIfname), v);
            } catch (IOException e) {
                ports.log().info("(" + cfg.name() + ") cannot remove " + v.display() + ": " + e.getMessage());
            }
        }
    }

}
