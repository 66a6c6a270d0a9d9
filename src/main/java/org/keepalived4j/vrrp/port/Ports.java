package org.keepalived4j.vrrp.port;

/** Everything an instance does to the outside world, in one bundle (wired in the daemon). */
public record Ports(AdvertPort adverts, VipPort vips, AnnouncePort announcer, LogPort log,
                    StateListener stateListener, RoutePort routes) {
}
