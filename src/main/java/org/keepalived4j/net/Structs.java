package org.keepalived4j.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Kernel structures as bytes (x86_64 / little-endian host order where the kernel uses it). */
public final class Structs {
    private Structs() {
    }

    private static ByteBuffer host(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    public static byte[] int32(int v) {
        return host(4).putInt(v).array();
    }

    /** struct sockaddr_in (netinet/in.h): family, port (network order), address. */
    public static byte[] sockaddrIn(Inet4Address a, int port) {
        ByteBuffer b = host(16);
        b.putShort((short) LinuxConstants.AF_INET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        b.put(a.getAddress());
        return b.array();
    }

    /** struct sockaddr_in6: family, port, flowinfo, address, scope id. */
    public static byte[] sockaddrIn6(Inet6Address a, int port, int scopeId) {
        ByteBuffer b = host(28);
        b.putShort((short) LinuxConstants.AF_INET6);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port).putInt(0);
        b.put(a.getAddress());
        b.order(ByteOrder.nativeOrder()).putInt(scopeId);
        return b.array();
    }

    public static byte[] sockaddr(InetAddress a, int scopeId) {
        return a instanceof Inet4Address v4 ? sockaddrIn(v4, 0) : sockaddrIn6((Inet6Address) a, 0, scopeId);
    }

    /** struct ip_mreqn (linux/in.h): group, local address (any), interface index. */
    public static byte[] ipMreqn(Inet4Address group, int ifindex) {
        ByteBuffer b = host(12);
        b.put(group.getAddress()).putInt(0).putInt(ifindex);
        return b.array();
    }

    /** struct ipv6_mreq: group, interface index. */
    public static byte[] ipv6Mreq(Inet6Address group, int ifindex) {
        ByteBuffer b = host(20);
        b.put(group.getAddress()).putInt(ifindex);
        return b.array();
    }

    /** struct timeval: seconds, microseconds. */
    public static byte[] timeval(long micros) {
        return host(16).putLong(micros / 1_000_000).putLong(micros % 1_000_000).array();
    }

    /** struct sockaddr_ll (linux/if_packet.h) for sending: protocol (network order), ifindex, hw address. */
    public static byte[] sockaddrLl(int protocol, int ifindex, byte[] hwaddr) {
        ByteBuffer b = host(20);
        b.putShort((short) LinuxConstants.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) protocol);
        b.order(ByteOrder.nativeOrder()).putInt(ifindex);
        b.putShort((short) 0).put((byte) 0).put((byte) hwaddr.length);
        b.put(hwaddr, 0, Math.min(8, hwaddr.length));
        return b.array();
    }

    /** struct sockaddr_nl (linux/netlink.h): family, pad, port id, multicast groups. */
    public static byte[] sockaddrNl(int pid, int groups) {
        ByteBuffer b = host(12);
        b.putShort((short) LinuxConstants.AF_NETLINK).putShort((short) 0).putInt(pid).putInt(groups);
        return b.array();
    }
}
