package org.keepalived4j.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.keepalived4j.vrrp.packet.ArpCodec;
import org.keepalived4j.vrrp.packet.NdiscCodec;
import org.keepalived4j.vrrp.port.AnnouncePort;

/**
 * Gratuitous ARP on an AF_PACKET socket (vrrp_arp.c does the same) and unsolicited Neighbour
 * Advertisements on an ICMPv6 raw socket to ff02::1 with hop limit 255 (vrrp_ndisc.c).
 */
public final class LinuxAnnouncer implements AnnouncePort, AutoCloseable {
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final Inet6Address ALL_NODES = all();
    private final int fd;
    private final int icmp6;

    public LinuxAnnouncer() throws NativeException {
        fd = Syscalls.socket(LinuxConstants.AF_PACKET, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                Short.toUnsignedInt(Short.reverseBytes((short) LinuxConstants.ETH_P_ARP)));
        icmp6 = Syscalls.socket(LinuxConstants.AF_INET6, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                LinuxConstants.IPPROTO_ICMPV6);
        Syscalls.setsockoptInt(icmp6, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_HOPS, 255,
                "IPV6_MULTICAST_HOPS");
    }

    private static Inet6Address all() {
        try {
            return (Inet6Address) InetAddress.getByName("ff02::1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Index and MAC per interface: looked up once, not per packet (a batch can be thousands of GARPs). */
    private final java.util.Map<String, InterfaceInfo> interfaces = new java.util.concurrent.ConcurrentHashMap<>();

    /** Learn an interface ahead of time, so the first announcement after a takeover costs no lookup. */
    public void prime(InterfaceInfo info) {
        interfaces.put(info.name(), info);
    }

    /** Forget what we know about an interface (its MAC or index may have changed). */
    public void invalidate(String ifname) {
        interfaces.remove(ifname);
    }

    @Override
    public void announce(String ifname, InetAddress address) throws IOException {
        InterfaceInfo info = interfaces.get(ifname);
        if (info == null) {
            info = InterfaceInfo.of(ifname).orElseThrow(() -> new IOException("no interface " + ifname));
            interfaces.put(ifname, info);
        }
        if (address instanceof Inet6Address v6) {
            byte[] na = NdiscCodec.unsolicitedNa(v6, info.mac(), info.forwarding6());
            Syscalls.sendto(icmp6, na, na.length, Structs.sockaddrIn6(ALL_NODES, 0, info.index()));
            return;
        }
        Inet4Address v4 = (Inet4Address) address;
        byte[] frame = ArpCodec.gratuitousArp(info.mac(), v4);
        Syscalls.sendto(fd, frame, frame.length, Structs.sockaddrLl(LinuxConstants.ETH_P_ARP, info.index(), BROADCAST));
    }

    @Override
    public void close() {
        Syscalls.close(fd);
        Syscalls.close(icmp6);
    }
}
