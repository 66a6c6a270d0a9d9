package org.keepalived4j.net;

import java.io.IOException;

import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.vrrp.port.VipPort;

/**
 * Adds and removes addresses with rtnetlink, waiting for the kernel's acknowledgement so a
 * failure is reported with its errno ({@code RTM_NEWADDR 198.51.100.10/24 dev eth0: EEXIST ...}).
 * Adding an address that is already there, or removing one that is gone, is not an error
 * (as keepalived treats it). Interface indexes are looked up once per name (keepalived keeps
 * ifp->ifindex): if_nametoindex on every change cost ~0.1 ms of a takeover before the gratuitous
 * ARP. An interface deleted and made again gets a new index: the kernel answers the old one with
 * ENODEV, and the name is looked up again and the request sent once more.
 */
public final class LinuxVipManager implements VipPort, AutoCloseable {
    private final int fd;
    private int seq = 1;
    private final java.util.Map<String, Integer> ifindexes = new java.util.HashMap<>();

    public LinuxVipManager() throws NativeException {
        fd = Syscalls.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                LinuxConstants.NETLINK_ROUTE);
        Syscalls.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, Structs.timeval(2_000_000),
                "SO_RCVTIMEO");
        Syscalls.bind(fd, Structs.sockaddrNl(0, 0));
    }

    @Override
    public synchronized void add(String ifname, VipAddress vip) throws IOException {
        talk(true, ifname, vip);
    }

    @Override
    public synchronized void remove(String ifname, VipAddress vip) throws IOException {
        talk(false, ifname, vip);
    }

    private void talk(boolean add, String ifname, VipAddress vip) throws IOException {
        Integer known = ifindexes.get(ifname);
        if (known != null) {
            try {
                talk(add, ifname, known, vip);
                return;
            } catch (NativeException e) {
                if (e.errno() != Errno.ENODEV) {
                    throw e;
                }
                ifindexes.remove(ifname);     // deleted and made again: look the name up afresh
            }
        }
        int ifindex = Syscalls.ifNameToIndex(ifname);
        ifindexes.put(ifname, ifindex);
        talk(add, ifname, ifindex, vip);
    }

    private void talk(boolean add, String ifname, int ifindex, VipAddress vip) throws IOException {
        int s = seq++;
        byte[] msg = RtnetlinkCodec.addressMessage(add, s, ifindex, vip);
        Syscalls.sendto(fd, msg, msg.length, Structs.sockaddrNl(0, 0));
        byte[] buf = new byte[8192];
        for (int tries = 0; tries < 8; tries++) {
            int n = Syscalls.recvfrom(fd, buf, null);
            if (n < 0) {
                throw new IOException((add ? "RTM_NEWADDR " : "RTM_DELADDR ") + vip.display() + " dev " + ifname
                        + ": no answer from the kernel within 2 s");
            }
            int errno = RtnetlinkCodec.ackErrno(buf, n, s);
            if (errno == Integer.MIN_VALUE) {
                continue;
            }
            if (errno == 0 || (add && errno == Errno.EEXIST) || (!add && errno == Errno.EADDRNOTAVAIL)) {
                return;
            }
            throw new NativeException((add ? "RTM_NEWADDR " : "RTM_DELADDR ") + vip.display() + " dev " + ifname, errno,
                    "kernel refused the address change");
        }
        throw new IOException("rtnetlink: no acknowledgement for sequence " + s);
    }

    /** The addresses of one family on the host (RTM_GETADDR dump), in the kernel's order. */
    public synchronized java.util.List<RtnetlinkCodec.AddrEntry> addresses(int family) throws IOException {
        int s = seq++;
        byte[] msg = RtnetlinkCodec.getAddrDump(s, family);
        Syscalls.sendto(fd, msg, msg.length, Structs.sockaddrNl(0, 0));
        java.util.List<RtnetlinkCodec.AddrEntry> out = new java.util.ArrayList<>();
        byte[] buf = new byte[65536];
        for (int i = 0; i < 1000; i++) {
            int n = Syscalls.recvfrom(fd, buf, null);
            if (n < 0) {
                throw new IOException("RTM_GETADDR: no answer from the kernel within 2 s");
            }
            if (RtnetlinkCodec.parseAddrDump(buf, n, out)) {
                return out;
            }
        }
        throw new IOException("RTM_GETADDR: dump did not end");
    }

    /** The primary (first non-secondary) IPv4 address of an interface. */
    public java.util.Optional<java.net.Inet4Address> primaryIpv4(int ifindex) throws IOException {
        return addresses(LinuxConstants.AF_INET).stream()
                .filter(a -> a.ifindex() == ifindex && !a.secondary())
                .map(a -> (java.net.Inet4Address) a.address()).findFirst();
    }

    @Override
    public void close() {
        Syscalls.close(fd);
    }
}
