package org.keepalived4j.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.keepalived4j.vrrp.packet.Ipv4Header;
import org.keepalived4j.vrrp.packet.VrrpPacket;

/**
 * One raw IPv4 socket for protocol 112 (or 51, IPsec AH, for instances with {@code auth_type AH})
 * on one interface, as keepalived opens it
 * (open_vrrp_send_socket(), open_vrrp_read_socket()): bound to the device, joined to the VRRP
 * group on that interface, multicast loop off, IP_MULTICAST_ALL off, IP header written by us
 * (IP_HDRINCL: TOS 0xc0, TTL 255, incrementing id, no DF). Receives whole datagrams with a
 * receive timeout so the reader thread can stop.
 */
public final class LinuxVrrpSocket implements AutoCloseable {
    private final int fd;
    private final String ifname;
    private final int ifindex;
    private final int protocol;
    private final AtomicInteger ipId = new AtomicInteger(1);

    /** A protocol 112 (VRRP) socket. */
    public LinuxVrrpSocket(String ifname, int ifindex, Inet4Address group, long receiveTimeoutMicros)
            throws NativeException {
        this(ifname, ifindex, group, receiveTimeoutMicros, LinuxConstants.IPPROTO_VRRP);
    }

    /**
     * @param protocol {@link LinuxConstants#IPPROTO_VRRP} or {@link LinuxConstants#IPPROTO_AH}: the
     *                 kernel hands a raw socket only the datagrams of its protocol
     */
    public LinuxVrrpSocket(String ifname, int ifindex, Inet4Address group, long receiveTimeoutMicros, int protocol)
            throws NativeException {
        this.ifname = ifname;
        this.ifindex = ifindex;
        this.protocol = protocol;
        int s = Syscalls.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                protocol);
        try {
            Syscalls.setsockopt(s, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_BINDTODEVICE,
                    (ifname + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII), "SO_BINDTODEVICE " + ifname);
            Syscalls.setsockoptInt(s, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_HDRINCL, 1, "IP_HDRINCL");
            Syscalls.setsockoptInt(s, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            Syscalls.setsockoptInt(s, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
            Syscalls.setsockopt(s, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_MULTICAST_IF,
                    Structs.ipMreqn(group, ifindex), "IP_MULTICAST_IF");
            Syscalls.setsockopt(s, LinuxConstants.IPPROTO_IP, LinuxConstants.IP_ADD_MEMBERSHIP,
                    Structs.ipMreqn(group, ifindex), "IP_ADD_MEMBERSHIP " + group.getHostAddress() + " on " + ifname);
            Syscalls.setsockopt(s, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO,
                    Structs.timeval(receiveTimeoutMicros), "SO_RCVTIMEO");
            Syscalls.receiveBuffer(s, 4 << 20);
        } catch (NativeException e) {
            Syscalls.close(s);
            throw e;
        }
        this.fd = s;
        Syscalls.receiveStampNanos(s);     // switches the socket's receive time stamps on (ENOENT now)
    }

    public String ifname() {
        return ifname;
    }

    public int ifindex() {
        return ifindex;
    }

    public int protocol() {
        return protocol;
    }

    /** Send a VRRP message inside an IPv4 header we build (id never 0: keepalived's choice). */
    public void send(Inet4Address src, Inet4Address dst, byte[] message, int ttl) throws IOException {
        int id = ipId.getAndIncrement() & 0xffff;
        if (id == 0) {
            id = ipId.getAndIncrement() & 0xffff;
        }
        byte[] datagram = Ipv4Header.build(Ipv4Header.TOS_VRRP, id, ttl, VrrpPacket.IPPROTO_VRRP, src, dst, message);
        sendDatagram(dst, datagram);
    }

    /**
     * Send a whole IPv4 datagram as built (IP_HDRINCL: the kernel fills in the header checksum,
     * and the id only when it is 0).
     */
    public void sendDatagram(Inet4Address dst, byte[] datagram) throws IOException {
        Syscalls.sendto(fd, datagram, datagram.length, Structs.sockaddrIn(dst, 0));
    }

    /** When the kernel received the datagram last returned by {@link #receive} (CLOCK_REALTIME ns), -1 if unknown. */
    public long receivedAtNanos() {
        return Syscalls.receiveStampNanos(fd);
    }

    /** Receive one IPv4 datagram (header included); -1 when the timeout expired. */
    public int receive(byte[] buf) throws NativeException {
        return Syscalls.recvfrom(fd, buf, null);
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Idempotent: a second close must never close an fd number the kernel has handed out again. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Syscalls.close(fd);
        }
    }

    /** For log lines: the address a datagram came from. */
    public static String describe(InetAddress a) {
        return a == null ? "?" : a.getHostAddress();
    }
}
