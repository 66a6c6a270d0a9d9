package org.keepalived4j.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/** What the VRRP runtime needs to know about an interface, read from the kernel. */
public record InterfaceInfo(String name, int index, byte[] mac, Optional<Inet4Address> primaryIpv4,
                            Optional<Inet6Address> linkLocalIpv6, boolean up, boolean forwarding6) {

    /** IPv6 forwarding on the interface: unsolicited NAs then carry the Router flag (RFC 4861). */
    private static boolean forwarding6(String ifname) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv6/conf", ifname, "forwarding"))
                    .strip().equals("1");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The JDK only sees interfaces with an address (SIOCGIFCONF, /proc/net/if_inet6): an IPv4 VMAC
     * without its VIPs, whose IPv6 is disabled, is invisible to it. Ask rtnetlink instead.
     */
    private static Optional<InterfaceInfo> fromNetlink(String name) {
        try (LinuxLinks links = new LinuxLinks()) {
            return links.link(name).map(l -> new InterfaceInfo(name, l.index(), l.mac().length == 6 ? l.mac() : new byte[6],
                    Optional.empty(), Optional.empty(), (l.flags() & LinuxConstants.IFF_UP) != 0, forwarding6(name)));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Look an interface up in the current network namespace; empty when it does not exist. */
    public static Optional<InterfaceInfo> of(String name) {
        try {
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni == null) {
                return fromNetlink(name);
            }
            Inet4Address v4 = null;
            Inet6Address ll = null;
            // The primary IPv4 address is the first one the kernel lists (not a secondary/VIP).
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address i4) {
                    v4 = i4;
                } else if (a instanceof Inet6Address i6 && i6.isLinkLocalAddress() && ll == null) {
                    ll = i6;
                }
            }
            byte[] mac = ni.getHardwareAddress();
            return Optional.of(new InterfaceInfo(name, ni.getIndex(), mac == null ? new byte[6] : mac,
                    Optional.ofNullable(v4), Optional.ofNullable(ll), ni.isUp(), forwarding6(name)));
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
