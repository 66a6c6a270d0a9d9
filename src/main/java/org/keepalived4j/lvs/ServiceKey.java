package org.keepalived4j.lvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Identity of an IPVS service: protocol + address + port, or a firewall mark (with its family).
 * {@link #display()} is keepalived's FMT_VS for a single service: {@code [ip]:tcp:port} or
 * {@code FWM n}.
 */
public record ServiceKey(boolean ipv6, String protocol, Optional<InetAddress> address, int port, long fwmark) {

    public static ServiceKey of(String protocol, InetAddress address, int port) {
        return new ServiceKey(address instanceof Inet6Address, protocol.toUpperCase(Locale.ROOT), Optional.of(address),
                port, 0);
    }

    public static ServiceKey fwmark(long mark, boolean ipv6) {
        return new ServiceKey(ipv6, "NONE", Optional.empty(), 0, mark);
    }

    public boolean isFwmark() {
        return address.isEmpty();
    }

    public String display() {
        return isFwmark() ? "FWM " + fwmark
                : "[" + address.get().getHostAddress() + "]:" + protocol.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
