package org.keepalived4j.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Watches the host's interface addresses over rtnetlink (RTMGRP_IPV4_IFADDR and
 * RTMGRP_IPV6_IFADDR), as keepalived's checker process does for ha_suspend (kernel_netlink_init()
 * with its address dump, then RTM_NEWADDR / RTM_DELADDR): {@link #start} reports every address
 * present, then a thread reports each one added to or removed from an interface. An address is
 * reported once per interface holding it; a repeated RTM_NEWADDR (flags changing, IPv6 DAD
 * ending) is not a second addition. The listener runs on the caller's thread for the initial
 * addresses, then on the monitor's thread.
 */
public final class LinuxAddressMonitor implements Closeable {
    private static final int RTMGRP_IPV4_IFADDR = 0x10;
    private static final int RTMGRP_IPV6_IFADDR = 0x100;
    private static final int NLMSG_HDRLEN = 16;
    private final int fd;
    private final BiConsumer<InetAddress, Boolean> listener;
    private final Set<Held> held = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** An address on one interface. */
    private record Held(int ifindex, InetAddress address) {
    }

    private LinuxAddressMonitor(BiConsumer<InetAddress, Boolean> listener) throws NativeException {
        this.listener = listener;
        fd = Syscalls.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                LinuxConstants.NETLINK_ROUTE);
        Syscalls.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, Structs.timeval(250_000),
                "SO_RCVTIMEO");
        Syscalls.bind(fd, Structs.sockaddrNl(0, RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR));
        thread = new Thread(this::watch, "address-monitor");
        thread.setDaemon(true);
    }

    /**
     * Subscribes first, then dumps both families (so no change falls between), reporting the
     * present addresses before it returns.
     */
    public static LinuxAddressMonitor start(BiConsumer<InetAddress, Boolean> listener) throws IOException {
        LinuxAddressMonitor m = new LinuxAddressMonitor(listener);
        try {
            m.dump(LinuxConstants.AF_INET, 1);
            m.dump(LinuxConstants.AF_INET6, 2);
        } catch (IOException | RuntimeException e) {
            Syscalls.close(m.fd);
            throw e;
        }
        m.thread.start();
        return m;
    }

    private void dump(int family, int seq) throws IOException {
        byte[] msg = RtnetlinkCodec.getAddrDump(seq, family);
        Syscalls.sendto(fd, msg, msg.length, Structs.sockaddrNl(0, 0));
        byte[] buf = new byte[65536];
        for (int idle = 0; idle < 8; ) {
            int n = Syscalls.recvfrom(fd, buf, null);
            if (n < 0) {
                idle++;
                continue;
            }
            if (parse(buf, n, seq)) {
                return;
            }
        }
        throw new IOException("RTM_GETADDR: the address dump did not end within 2 s");
    }

    private void watch() {
        byte[] buf = new byte[65536];
        while (running) {
            try {
                int n = Syscalls.recvfrom(fd, buf, null);
                if (n > 0) {
                    parse(buf, n, -1);
                }
            } catch (NativeException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /**
     * Applies the RTM_NEWADDR / RTM_DELADDR messages of one datagram (ifaddrmsg: family, prefix
     * length, flags, scope, index; then IFA_LOCAL, else IFA_ADDRESS).
     *
     * @return true when it ended the dump with sequence {@code seq}
     */
    boolean parse(byte[] buf, int len, int seq) {
        return parse(buf, len, seq, (ifindex, a, added) -> change(new Held(ifindex, a), added));
    }

    /** One address change read from rtnetlink. */
    interface Change {
        void accept(int ifindex, InetAddress address, boolean added);
    }

    /** {@link #parse(byte[], int, int)} without state: each change goes to {@code out}. */
    static boolean parse(byte[] buf, int len, int seq, Change out) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        boolean done = false;
        int off = 0;
        while (off + NLMSG_HDRLEN <= len) {
            int mlen = b.getInt(off);
            int type = b.getShort(off + 4) & 0xffff;
            if (mlen < NLMSG_HDRLEN || off + mlen > len) {
                break;
            }
            if ((type == LinuxConstants.NLMSG_DONE || type == LinuxConstants.NLMSG_ERROR) && b.getInt(off + 8) == seq) {
                done = true;
            } else if ((type == LinuxConstants.RTM_NEWADDR || type == LinuxConstants.RTM_DELADDR)
                    && mlen >= NLMSG_HDRLEN + 8) {
                InetAddress a = address(buf, b, off + NLMSG_HDRLEN, off + mlen);
                if (a != null) {
                    out.accept(b.getInt(off + NLMSG_HDRLEN + 4), a, type == LinuxConstants.RTM_NEWADDR);
                }
            }
            off += RtnetlinkCodec.align(mlen);
        }
        return done;
    }

    private static InetAddress address(byte[] buf, ByteBuffer b, int p, int end) {
        byte[] local = null;
        byte[] address = null;
        for (int a = p + 8; a + 4 <= end; ) {
            int alen = b.getShort(a) & 0xffff;
            int atype = b.getShort(a + 2) & 0xffff;
            if (alen < 4 || a + alen > end) {
                break;
            }
            if (atype == LinuxConstants.IFA_LOCAL) {
                local = Arrays.copyOfRange(buf, a + 4, a + alen);
            } else if (atype == LinuxConstants.IFA_ADDRESS) {
                address = Arrays.copyOfRange(buf, a + 4, a + alen);
            }
            a += RtnetlinkCodec.align(alen);
        }
        byte[] raw = local != null ? local : address;
        try {
            return raw == null ? null : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private void change(Held h, boolean added) {
        if (added ? held.add(h) : held.remove(h)) {
            listener.accept(h.address(), added);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Syscalls.close(fd);
    }
}
