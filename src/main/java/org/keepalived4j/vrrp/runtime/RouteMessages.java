package org.keepalived4j.vrrp.runtime;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.Prefix;
import org.keepalived4j.config.model.RuleConfig;

/**
 * The log lines about routes and rules: keepalived's texts where it has one (vrrp.c,
 * vrrp_iproute.c, vrrp_iprule.c), and ours for a refused request, which keepalived reports only
 * as {@code Netlink: error: ...} (that line is logged too, by the rtnetlink adapter).
 */
public final class RouteMessages {
    private RouteMessages() {
    }

    /** vrrp_handle_iproutes(), -D only: {@code (VI_1) setting Virtual Routes}. */
    public static String virtualRoutes(String instance, boolean add) {
        return "(" + instance + ") " + (add ? "sett" : "remov") + "ing Virtual Routes";
    }

    /** vrrp_handle_iprules(), -D only. */
    public static String virtualRules(String instance, boolean add) {
        return "(" + instance + ") " + (add ? "sett" : "remov") + "ing Virtual Rules";
    }

    /** clear_diff_rules(), -D only: {@code ip rule from 198.51.100.50 removed}. */
    public static String ruleRemoved(RuleConfig r) {
        return "ip rule from " + r.from().map(p -> address(p, r.family())).orElse("all")
                + r.to().map(p -> " to " + address(p, r.family())).orElse("") + " removed";
    }

    /** A refused request: {@code (VI_1) cannot add route 203.0.113.0/24 via ... - RTM_NEWROUTE ...: ENODEV (...)}. */
    static String cannot(String who, String verb, RouteConfig r, Exception e) {
        return who + "cannot " + verb + " route " + r.display() + " - " + e.getMessage();
    }

    static String cannot(String who, String verb, RuleConfig r, Exception e) {
        return who + "cannot " + verb + " rule " + r.display() + " - " + e.getMessage();
    }

    /** keepalived's ipaddresstos(): the address, and {@code /len} unless it is a host prefix. */
    public static String address(Prefix p, Family family) {
        InetAddress a = p.address().orElse(null);
        boolean v6 = a != null ? a instanceof Inet6Address : family == Family.INET6;
        String text = a != null ? Prefix.format(a) : v6 ? "::" : "0.0.0.0";
        return p.length() == (v6 ? 128 : 32) ? text : text + "/" + p.length();
    }
}
