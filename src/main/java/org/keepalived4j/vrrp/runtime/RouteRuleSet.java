package org.keepalived4j.vrrp.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.RoutePort;

/**
 * The routes and rules of one owner (an instance's virtual_routes / virtual_rules, or the static
 * ones) and which of them are installed - keepalived's {@code set} flag - with keepalived's list
 * operations: netlink_rtlist() / netlink_rulelist() (vrrp_iproute.c, vrrp_iprule.c) and the
 * reload diffs clear_diff_routes() / clear_diff_rules(). A request the kernel refuses is logged
 * with the route or rule and the errno; the others go on. Event-loop thread only.
 */
public final class RouteRuleSet {
    /** A configured entry and whether we installed it. */
    private static final class Entry<T> {
        final T cfg;
        boolean set;

        Entry(T cfg) {
            this.cfg = cfg;
        }
    }

    private final RoutePort port;
    private final LogPort log;
    /** How log lines name the owner: "(VI_1) " or "static ". */
    private final String who;
    private List<Entry<RouteConfig>> routes;
    private List<Entry<RuleConfig>> rules;

    public RouteRuleSet(RoutePort port, LogPort log, String who, List<RouteConfig> routes, List<RuleConfig> rules) {
        this.port = port;
        this.log = log;
        this.who = who;
        this.routes = entries(routes);
        this.rules = entries(rules);
    }

    private static <T> List<Entry<T>> entries(List<T> l) {
        List<Entry<T>> out = new ArrayList<>();
        l.forEach(x -> out.add(new Entry<>(x)));
        return out;
    }

    public boolean hasRoutes() {
        return !routes.isEmpty();
    }

    public boolean hasRules() {
        return !rules.isEmpty();
    }

    /** The routes installed now (for tests and dumps). */
    public List<RouteConfig> installedRoutes() {
        return routes.stream().filter(e -> e.set).map(e -> e.cfg).toList();
    }

    public List<RuleConfig> installedRules() {
        return rules.stream().filter(e -> e.set).map(e -> e.cfg).toList();
    }

    /**
     * Add the routes not installed yet; with {@code force} all of them again (a reload: the kernel
     * may have dropped a route that depended on a removed address without telling us).
     */
    public void addRoutes(boolean force) {
        for (Entry<RouteConfig> e : routes) {
            if (!e.set || force) {
                try {
                    port.addRoute(e.cfg);
                    e.set = true;
                } catch (IOException x) {
                    log.info(RouteMessages.cannot(who, "add", e.cfg, x));
                }
            }
        }
    }

    /** Remove the routes we installed. */
    public void removeRoutes() {
        for (Entry<RouteConfig> e : routes) {
            if (e.set) {
                removeRoute(e);
            }
        }
    }

    private void removeRoute(Entry<RouteConfig> e) {
        e.set = false;
        try {
            port.removeRoute(e.cfg);
        } catch (IOException x) {
            log.info(RouteMessages.cannot(who, "remove", e.cfg, x));
        }
    }

    /** Add the rules not installed yet. */
    public void addRules() {
        for (Entry<RuleConfig> e : rules) {
            if (!e.set) {
                try {
                    port.addRule(e.cfg);
                    e.set = true;
                } catch (IOException x) {
                    log.info(RouteMessages.cannot(who, "add", e.cfg, x));
                }
            }
        }
    }

    /** Remove the rules we installed. */
    public void removeRules() {
        for (Entry<RuleConfig> e : rules) {
            if (e.set) {
                removeRule(e, false);
            }
        }
    }

    /** Start-up: delete every configured rule a previous run may have left (nothing there is no error). */
    public void removeLeftoverRules() {
        for (Entry<RuleConfig> e : rules) {
            removeRule(e, true);
        }
    }

    private void removeRule(Entry<RuleConfig> e, boolean leftover) {
        e.set = false;
        try {
            port.removeRule(e.cfg, leftover);
        } catch (IOException x) {
            log.info(RouteMessages.cannot(who, "remove", e.cfg, x));
        }
    }

    /**
     * A reload: keepalived's clear_diff_rules() then clear_diff_routes(). Installed rules and
     * routes that are no longer configured are removed; a route that stays (same destination,
     * tos, metric, table, scope, type, gateway, interface, next hops) is replaced in place by its
     * new version (its other settings may have changed) and stays installed; if the kernel refuses
     * the replacement the old one is removed and the new one is added later like a new route.
     * Adding the new entries is left to the caller ({@link #addRoutes}, {@link #addRules}).
     */
    public void reload(List<RouteConfig> nextRoutes, List<RuleConfig> nextRules) {
        List<Entry<RuleConfig>> newRules = entries(nextRules);
        if (!rules.isEmpty() && newRules.isEmpty()) {
            log.info("Removing a VirtualRule block");
            removeRules();
        }
        for (Entry<RuleConfig> old : rules) {
            Entry<RuleConfig> match = newRules.stream().filter(n -> sameRule(n.cfg, old.cfg)).findFirst().orElse(null);
            if (match != null) {
                match.set = old.set;
            } else if (old.set) {
                log.detail(RouteMessages.ruleRemoved(old.cfg));
                removeRule(old, false);
            }
        }
        rules = newRules;
        List<Entry<RouteConfig>> newRoutes = entries(nextRoutes);
        if (!routes.isEmpty() && newRoutes.isEmpty()) {
            log.detail("Removing a VirtualRoute block");
            removeRoutes();
        }
        for (Entry<RouteConfig> old : routes) {
            if (!old.set) {
                continue;
            }
            Entry<RouteConfig> match = newRoutes.stream().filter(n -> sameRoute(n.cfg, old.cfg)).findFirst()
                    .orElse(null);
            if (match == null) {
                log.detail("Removing route " + RouteMessages.address(old.cfg.destination(), old.cfg.family()));
                removeRoute(old);
                continue;
            }
            try {
                port.replaceRoute(match.cfg);
                match.set = true;
            } catch (IOException x) {
                removeRoute(old);
                match.set = false;
            }
        }
        routes = newRoutes;
    }

    /** keepalived's route_exist(): the kernel's key to a route plus what keepalived adds to it. */
    static boolean sameRoute(RouteConfig a, RouteConfig b) {
        return a.family() == b.family() && a.destination().equals(b.destination()) && a.tos().equals(b.tos())
                && a.metric().equals(b.metric()) && a.table() == b.table() && a.scope() == b.scope()
                && a.type() == b.type() && a.via().equals(b.via()) && a.dev().equals(b.dev())
                && a.nexthops().equals(b.nexthops());
    }

    /** keepalived's rule_is_equal(): every setting of the rule. */
    static boolean sameRule(RuleConfig a, RuleConfig b) {
        return a.family() == b.family() && a.invert() == b.invert() && a.from().equals(b.from())
                && a.to().equals(b.to()) && a.preference() == b.preference() && a.action() == b.action()
                && a.table() == b.table() && a.gotoTarget().equals(b.gotoTarget()) && a.tos() == b.tos()
                && a.fwmark().equals(b.fwmark()) && a.fwmask().equals(b.fwmask()) && a.iif().equals(b.iif())
                && a.oif().equals(b.oif()) && a.realms().equals(b.realms())
                && a.suppressPrefixLength().equals(b.suppressPrefixLength())
                && a.suppressIfgroup().equals(b.suppressIfgroup()) && a.tunnelId().equals(b.tunnelId())
                && Objects.equals(a.uidRange(), b.uidRange()) && a.sport().equals(b.sport())
                && a.dport().equals(b.dport()) && a.protocol().equals(b.protocol()) && a.ipProto().equals(b.ipProto())
                && a.l3mdev() == b.l3mdev();
    }
}
