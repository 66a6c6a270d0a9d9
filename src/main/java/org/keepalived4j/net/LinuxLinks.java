package org.keepalived4j.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates, changes and deletes interfaces over rtnetlink ({@link LinkCodec}), waiting for the
 * kernel's acknowledgement of each request so a refusal is reported with its errno
 * ({@code RTM_NEWLINK macvlan vrrp.51 on eth0: EEXIST ...}).
 */
public final class LinuxLinks implements AutoCloseable {
    private final int fd;
    private int seq = 1;

    public LinuxLinks() throws NativeException {
        fd = Syscalls.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                LinuxConstants.NETLINK_ROUTE);
        Syscalls.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, Structs.timeval(2_000_000),
                "SO_RCVTIMEO");
        Syscalls.bind(fd, Structs.sockaddrNl(0, 0));
    }

    /** Create a macvlan on {@code linkIndex}; returns the new interface's index. */
    public synchronized int createMacvlan(String name, int linkIndex, byte[] mac, int mode) throws IOException {
        int s = seq++;
        talk(LinkCodec.newMacvlan(s, name, linkIndex, mac, mode), s, "RTM_NEWLINK macvlan " + name);
        return Syscalls.ifNameToIndex(name);
    }

    /** Give an existing macvlan a new MAC and mode. */
    public synchronized void updateMacvlan(String name, int ifindex, byte[] mac, int mode) throws IOException {
        int s = seq++;
        talk(LinkCodec.updateMacvlan(s, ifindex, mac, mode), s, "RTM_NEWLINK (update) macvlan " + name);
    }

    public synchronized void delete(String name, int ifindex) throws IOException {
        int s = seq++;
        talk(LinkCodec.delLink(s, ifindex), s, "RTM_DELLINK " + name);
    }

    public synchronized void up(String name, int ifindex) throws IOException {
        int s = seq++;
        talk(LinkCodec.setUp(s, ifindex), s, "RTM_NEWLINK " + name + " up");
    }

    public synchronized void addrGenModeNone(String name, int ifindex) throws IOException {
        int s = seq++;
        talk(LinkCodec.addrGenModeNone(s, ifindex), s, "RTM_NEWLINK " + name + " addrgenmode none");
    }

    /** Add (or remove) the VMAC's link-local address; an address already there (or gone) is fine. */
    public synchronized void linkLocal(boolean add, String name, int ifindex, Inet6Address a) throws IOException {
        int s = seq++;
        String what = (add ? "RTM_NEWADDR " : "RTM_DELADDR ") + a.getHostAddress() + "/64 dev " + name;
        int errno = send(LinkCodec.linkLocal(add, s, ifindex, a), s, what);
        if (errno != 0 && !(add && errno == Errno.EEXIST) && !(!add && errno == Errno.EADDRNOTAVAIL)) {
            throw new NativeException(what, errno, Syscalls.strerror(errno));
        }
    }

    /** Every interface of this network namespace (RTM_GETLINK dump). */
    public synchronized List<LinkCodec.Link> links() throws IOException {
        int s = seq++;
        byte[] msg = LinkCodec.getLinkDump(s);
        Syscalls.sendto(fd, msg, msg.length, Structs.sockaddrNl(0, 0));
        List<LinkCodec.Link> out = new ArrayList<>();
        byte[] buf = new byte[65536];
        for (int i = 0; i < 10_000; i++) {
            int n = Syscalls.recvfrom(fd, buf, null);
            if (n < 0) {
                throw new IOException("RTM_GETLINK: no answer from the kernel within 2 s");
            }
            if (LinkCodec.parseLinkDump(buf, n, out)) {
                return out;
            }
        }
        throw new IOException("RTM_GETLINK: dump did not end");
    }

    /** One interface by name, from a fresh dump. */
    public Optional<LinkCodec.Link> link(String name) throws IOException {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    private void talk(byte[] msg, int s, String what) throws IOException {
        int errno = send(msg, s, what);
        if (errno != 0) {
            throw new NativeException(what, errno, Syscalls.strerror(errno));
        }
    }

    /** Send a request and wait for its acknowledgement; returns the errno (0 = done). */
    private int send(byte[] msg, int s, String what) throws IOException {
        Syscalls.sendto(fd, msg, msg.length, Structs.sockaddrNl(0, 0));
        byte[] buf = new byte[8192];
        for (int tries = 0; tries < 16; tries++) {
            int n = Syscalls.recvfrom(fd, buf, null);
            if (n < 0) {
                throw new IOException(what + ": no answer from the kernel within 2 s");
            }
            int errno = RtnetlinkCodec.ackErrno(buf, n, s);
            if (errno != Integer.MIN_VALUE) {
                return errno;
            }
        }
        throw new IOException(what + ": no acknowledgement for sequence " + s);
    }

    @Override
    public void close() {
        Syscalls.close(fd);
    }
}
