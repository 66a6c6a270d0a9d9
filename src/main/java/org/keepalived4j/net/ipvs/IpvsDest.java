package org.keepalived4j.net.ipvs;

import java.net.InetAddress;

/**
 * An IPVS destination (real server) of a service. Its family is its address's family (the
 * kernel allows an IPv4 real server in an IPv6 service, and the reverse, for tunnelling only).
 *
 * @param weight          0..2147483647 (0: no new connections)
 * @param upperThreshold  maximum connections (0: no limit)
 * @param lowerThreshold  connections under which an overloaded server takes new ones again
 * @param tunnelType      IP_VS_CONN_F_TUNNEL_TYPE_* (IPIP 0, GUE 1, GRE 2), sent for TUNNEL only (else 0)
 * @param tunnelPort      GUE's UDP port, sent for GUE only (else 0)
 * @param tunnelFlags     IP_VS_TUNNEL_ENCAP_FLAG_* (checksums), sent for GUE and GRE only (else 0)
 */
public record IpvsDest(InetAddress address, int port, IpvsForwarding forwarding, int weight, long upperThreshold,
                       long lowerThreshold, int tunnelType, int tunnelPort, int tunnelFlags) {

    public IpvsDest {
        if (address == null || forwarding == null) {
            throw new IllegalArgumentException("IPVS destination needs an address and a forwarding method");
        }
        // what is not sent (IpvsCodec) is not kept, so a dest read back equals the one written
        if (forwarding != IpvsForwarding.TUNNEL) {
            tunnelType = IpvsConstants.IP_VS_CONN_F_TUNNEL_TYPE_IPIP;
        }
        if (tunnelType != IpvsConstants.IP_VS_CONN_F_TUNNEL_TYPE_GUE) {
            tunnelPort = 0;
        }
        if (tunnelType == IpvsConstants.IP_VS_CONN_F_TUNNEL_TYPE_IPIP) {
            tunnelFlags = 0;
        }
        check(port, 0xffff, "port");
        check(weight, Integer.MAX_VALUE, "weight");
        check(upperThreshold, 0xffffffffL, "upper threshold");
        check(lowerThreshold, 0xffffffffL, "lower threshold");
        check(tunnelType, 0xff, "tunnel type");
        check(tunnelPort, 0xffff, "tunnel port");
        check(tunnelFlags, 0xffff, "tunnel flags");
    }

    private static void check(long v, long max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("IPVS destination " + what + " " + v + " out of range 0.." + max);
        }
    }

    /** A destination without thresholds (IPIP when tunnelling). */
    public static IpvsDest of(InetAddress address, int port, IpvsForwarding forwarding, int weight) {
        return new IpvsDest(address, port, forwarding, weight, 0, 0, IpvsConstants.IP_VS_CONN_F_TUNNEL_TYPE_IPIP, 0, 0);
    }

    /** AF_INET or AF_INET6, from the address. */
    public int family() {
        return IpvsService.familyOf(address);
    }

    /** Same identity inside a service: address and port. */
    public boolean sameIdentity(IpvsDest o) {
        return port == o.port && address.equals(o.address);
    }

    public IpvsDest withWeight(int w) {
        return new IpvsDest(address, port, forwarding, w, upperThreshold, lowerThreshold, tunnelType, tunnelPort,
                tunnelFlags);
    }

    public IpvsDest withThresholds(long upper, long lower) {
        return new IpvsDest(address, port, forwarding, weight, upper, lower, tunnelType, tunnelPort, tunnelFlags);
    }

    public IpvsDest withTunnel(int type, int udpPort, int flags) {
        return new IpvsDest(address, port, forwarding, weight, upperThreshold, lowerThreshold, type, udpPort, flags);
    }

    /** keepalived's format_drule() text, e.g. {@code " -> 203.0.113.1:80"}. */
    public String display() {
        return IpvsText.drule(this);
    }
}
