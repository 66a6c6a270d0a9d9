package org.keepalived4j.vrrp.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.RoutePort;
import org.keepalived4j.vrrp.port.VipPort;

/**
 * static_ipaddress, static_routes and static_rules: installed when the VRRP subsystem starts,
 * diffed on a reload, removed when it stops - as keepalived 2.2.7's vrrp_daemon.c does
 * (start_vrrp(): leftover static rules deleted, then addresses, routes, rules added; reload:
 * clear_diff_static_rules/routes/addresses() then the new ones added; vrrp_terminate_phase1():
 * rules, routes, addresses removed - also with --dont-release-vrrp, which only keeps the VRRP
 * instances' addresses). Event-loop thread only.
 */
public final class StaticEntries {
    /** keepalived's DFLT_INT: the interface of a static address without {@code dev} and no default_interface. */
    static final String DEFAULT_INTERFACE = "eth0";

    private final VipPort vips;
    private final LogPort log;
    private final RouteRuleSet routes;
    /** Static addresses by identity (address, attributes, interface), with whether we installed them. */
    private Map<String, Address> addresses;

    private static final class Address {
        final VipAddress vip;
        final String dev;
        boolean set;

        Address(VipAddress vip, String dev) {
            this.vip = vip;
            this.dev = dev;
        }

        String key() {
            return vip.display() + " @" + dev;
        }
    }

    public StaticEntries(VipPort vips, RoutePort routePort, LogPort log, KeepalivedConfig cfg) {
        this.vips = vips;
        this.log = log;
        this.routes = new RouteRuleSet(routePort, log, "static ", cfg.staticRoutes(), cfg.staticRules());
        this.addresses = addresses(cfg);
    }

    private static Map<String, Address> addresses(KeepalivedConfig cfg) {
        String dflt = cfg.global().defaultInterface().orElse(DEFAULT_INTERFACE);
        Map<String, Address> out = new LinkedHashMap<>();
        for (VipAddress v : cfg.staticAddresses()) {
            Address a = new Address(v, v.dev().orElse(dflt));
            out.putIfAbsent(a.key(), a);
        }
        return out;
    }

    /** Start-up: clear leftover static rules, then add the addresses, the routes, the rules. */
    public void start() {
        routes.removeLeftoverRules();
        add();
    }

    /** Add what is not installed (start-up, and after a reload's diff). */
    public void add() {
        for (Address a : addresses.values()) {
            if (!a.set) {
                try {
                    vips.add(a.dev, a.vip);
                    a.set = true;
                } catch (IOException e) {
                    log.info("static: cannot add address " + a.vip.display() + " dev " + a.dev + " - " + e.getMessage());
                }
            }
        }
        routes.addRoutes(false);
        routes.addRules();
    }

    /**
     * A reload, first half: remove the static rules, routes and addresses that are gone (routes
     * that stay are replaced in place); call {@link #add()} once the instances are reloaded.
     */
    public void reload(KeepalivedConfig next) {
        routes.reload(next.staticRoutes(), next.staticRules());
        Map<String, Address> fresh = addresses(next);
        List<Address> gone = new ArrayList<>();
        Map<String, Address> old = new HashMap<>(addresses);
        for (Map.Entry<String, Address> e : old.entrySet()) {
            Address kept = fresh.get(e.getKey());
            if (kept != null) {
                kept.set = e.getValue().set;
            } else if (e.getValue().set) {
                gone.add(e.getValue());
            }
        }
        remove(gone);
        addresses = fresh;
    }

    /** Stop: the rules, the routes, then the addresses we installed. */
    public void stop() {
        routes.removeRules();
        routes.removeRoutes();
        remove(new ArrayList<>(addresses.values()));
    }

    private void remove(List<Address> list) {
        for (Address a : list) {
            if (a.set) {
                a.set = false;
                try {
                    vips.remove(a.dev, a.vip);
                } catch (IOException e) {
                    log.info("static: cannot remove address " + a.vip.display() + " dev " + a.dev + " - "
                            + e.getMessage());
                }
            }
        }
    }
}
