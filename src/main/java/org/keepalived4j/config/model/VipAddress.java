package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.Optional;

import org.keepalived4j.config.Origin;

/**
 * A virtual or static address line: {@code ADDR[/PREFIX] [dev IF] [brd ADDR|+|-] [scope S]
 * [label L] [peer ADDR] [-nodad] [noprefixroute] [home] ...} (alloc_ipaddress()).
 *
 * @param prefix     prefix length (IPv4 default 32, IPv6 default 128)
 * @param dev        the interface, when not the instance's own
 * @param broadcast  a broadcast address; "+" / "-" are kept in {@code broadcastMode}
 * @param scope      rtnetlink scope name (global, site, link, host, nowhere) or number
 * @param noDad      IPv6 {@code -nodad}
 */
public record VipAddress(InetAddress address, int prefix, Optional<String> dev, Optional<InetAddress> broadcast,
                         Optional<String> broadcastMode, Optional<String> scope, Optional<String> label,
                         Optional<InetAddress> peer, boolean noDad, boolean noPrefixRoute, boolean home,
                         boolean noTrack, Origin origin) {

    public boolean isIpv6() {
        return address instanceof java.net.Inet6Address;
    }

    /** {@code 198.51.100.10/24 dev eth0 ...} in a canonical form. */
    public String display() {
        StringBuilder b = new StringBuilder(address.getHostAddress()).append('/').append(prefix);
        dev.ifPresent(d -> b.append(" dev ").append(d));
        broadcast.ifPresent(a -> b.append(" brd ").append(a.getHostAddress()));
        broadcastMode.ifPresent(m -> b.append(" brd ").append(m));
        scope.ifPresent(s -> b.append(" scope ").append(s));
        label.ifPresent(l -> b.append(" label ").append(l));
        peer.ifPresent(p -> b.append(" peer ").append(p.getHostAddress()));
        if (noDad) {
            b.append(" -nodad");
        }
        if (noPrefixRoute) {
            b.append(" noprefixroute");
        }
        if (home) {
            b.append(" home");
        }
        if (noTrack) {
            b.append(" no_track");
        }
        return b.toString();
    }
}
