package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.Origin;
import org.keepalived4j.util.IpAddresses;

/**
 * A static or virtual route ({@code ip route} syntax, alloc_route() in vrrp_iproute.c).
 *
 * @param type      unicast, blackhole, unreachable, prohibit, throw, local, ...
 * @param nexthops  gateways of a multipath route ({@code or} / {@code nexthop via ...})
 * @param options   further {@code ip route} options kept as written (mtu, advmss, ...)
 * @param track     true unless {@code no_track} (or no interface to track)
 */
public record RouteConfig(IpAddresses.Prefix destination, String type, Optional<InetAddress> source,
                          Optional<InetAddress> via, Optional<String> dev, OptionalLong table, OptionalLong metric,
                          Optional<String> scope, List<InetAddress> nexthops, List<String> options, boolean track,
                          List<String> words, Origin origin) {
    public RouteConfig {
        nexthops = List.copyOf(nexthops);
        options = List.copyOf(options);
        words = List.copyOf(words);
    }
}
