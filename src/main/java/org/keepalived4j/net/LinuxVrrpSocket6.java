package org.keepalived4j.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * VRRP over IPv6 on one interface, as keepalived does it: raw protocol-112 sockets with the
 * kernel computing and verifying the checksum (IPV6_CHECKSUM offset 6), hop limit 255, multicast
 * loop off, joined to ff02::12. Two sockets: the sending one is bound to our source address
 * (normally the link-local one); the receiving one is not bound (a bound raw IPv6 socket only
 * sees datagrams addressed to that address) and reports destination and hop limit.
 */
public final class LinuxVrrpSocket6 implements AutoCloseable {
    private final int tx;
    private final int rx;
    private final String ifname;

    public LinuxVrrpSocket6(String ifname, int ifindex, Inet6Address group, Inet6Address source, long receiveTimeoutMicros)
            throws NativeException {
        this.ifname = ifname;
        int t = -1;
        int r = -1;
        try {
            t = open(ifname);
            Syscalls.setsockoptInt(t, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_HOPS, 255,
                    "IPV6_MULTICAST_HOPS");
            Syscalls.setsockoptInt(t, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_UNICAST_HOPS, 255,
                    "IPV6_UNICAST_HOPS");
            Syscalls.setsockoptInt(t, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_LOOP, 0,
                    "IPV6_MULTICAST_LOOP");
            Syscalls.setsockoptInt(t, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_MULTICAST_IF, ifindex,
                    "IPV6_MULTICAST_IF");
            Syscalls.bind(t, Structs.sockaddrIn6(source, 0, source.isLinkLocalAddress() ? ifindex : 0));
            r = open(ifname);
            Syscalls.setsockopt(r, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_ADD_MEMBERSHIP,
                    Structs.ipv6Mreq(group, ifindex), "IPV6_ADD_MEMBERSHIP " + group.getHostAddress() + " on " + ifname);
            Syscalls.setsockoptInt(r, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_RECVHOPLIMIT, 1,
                    "IPV6_RECVHOPLIMIT");
            Syscalls.setsockoptInt(r, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_RECVPKTINFO, 1,
                    "IPV6_RECVPKTINFO");
            Syscalls.setsockopt(r, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO,
                    Structs.timeval(receiveTimeoutMicros), "SO_RCVTIMEO");
            Syscalls.receiveBuffer(r, 4 << 20);
        } catch (NativeException e) {
            if (t >= 0) {
                Syscalls.close(t);
            }
            if (r >= 0) {
                Syscalls.close(r);
            }
            throw e;
        }
        tx = t;
        rx = r;
        Syscalls.receiveStampNanos(r);     // switches the socket's receive time stamps on (ENOENT now)
    }

    private static int open(String ifname) throws NativeException {
        int s = Syscalls.socket(LinuxConstants.AF_INET6, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                LinuxConstants.IPPROTO_VRRP);
        try {
            Syscalls.setsockopt(s, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_BINDTODEVICE,
                    (ifname + "\0").getBytes(StandardCharsets.US_ASCII), "SO_BINDTODEVICE " + ifname);
            Syscalls.setsockoptInt(s, LinuxConstants.IPPROTO_IPV6, LinuxConstants.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM");
        } catch (NativeException e) {
            Syscalls.close(s);
            throw e;
        }
        return s;
    }

    public String ifname() {
        return ifname;
    }

    /** Send a VRRP message; the kernel writes the IPv6 header and the checksum. */
    public void send(Inet6Address dst, int ifindex, byte[] message) throws IOException {
        Syscalls.sendto(tx, message, message.length, Structs.sockaddrIn6(dst, 0,
                dst.isLinkLocalAddress() || dst.isMulticastAddress() ? ifindex : 0));
    }

    /** When the kernel received the datagram last returned by {@link #receive} (CLOCK_REALTIME ns), -1 if unknown. */
    public long receivedAtNanos() {
        return Syscalls.receiveStampNanos(rx);
    }

    /** One datagram, or null when the receive timeout expired. */
    public Syscalls.Datagram6 receive(byte[] buf) throws NativeException {
        return Syscalls.recvmsg6(rx, buf);
    }

    public static InetAddress address(byte[] raw) throws IOException {
        return InetAddress.getByAddress(raw);
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Idempotent: a second close must never close fd numbers the kernel has handed out again. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Syscalls.close(tx);
            Syscalls.close(rx);
        }
    }
}
