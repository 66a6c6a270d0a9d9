package org.keepalived4j.vrrp.port;

/** Everything an instance does to the outside world, in one bundle (wired in the daemon). */
public record Ports(AdvertPort adverts, VipPort vips, AnnouncePort announcer, LogPort log,
                    StateListener stateListener, RoutePort routes, FirewallPort firewall) {

    /** Without a firewall: accept mode is never enforced (tests that do not exercise it). */
    public Ports(AdvertPort adverts, VipPort vips, AnnouncePort announcer, LogPort log, StateListener stateListener,
                 RoutePort routes) {
        this(adverts, vips, announcer, log, stateListener, routes, FirewallPort.NONE);
    }
}
