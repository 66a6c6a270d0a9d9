package org.keepalived4j.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Listens to rtnetlink link notifications (RTMGRP_LINK) and reports, for each RTM_NEWLINK /
 * RTM_DELLINK, the interface name and whether it is up and running. Runs on its own thread;
 * the callback must only post to the event loop.
 */
public final class LinuxLinkMonitor implements Runnable, AutoCloseable {
    private final int fd;
    private final BiConsumer<String, Boolean> listener;
    private volatile boolean running = true;

    public LinuxLinkMonitor(BiConsumer<String, Boolean> listener) throws NativeException {
        this.listener = listener;
        fd = Syscalls.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                LinuxConstants.NETLINK_ROUTE);
        Syscalls.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, Structs.timeval(250_000),
                "SO_RCVTIMEO");
        Syscalls.bind(fd, Structs.sockaddrNl(0, LinuxConstants.RTMGRP_LINK));
    }

    @Override
    public void run() {
        byte[] buf = new byte[65536];
        while (running) {
            int n;
            try {
                n = Syscalls.recvfrom(fd, buf, null);
            } catch (NativeException e) {
                if (!running) {
                    return;
                }
                continue;
            }
            if (n > 0) {
                parse(buf, n, listener);
            }
        }
    }

    /** ifinfomsg after nlmsghdr: family, pad, type, index, flags, change; then attributes. */
    static void parse(byte[] buf, int len, BiConsumer<String, Boolean> out) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + 16 <= len) {
            int mlen = b.getInt(off);
            int type = b.getShort(off + 4) & 0xffff;
            if (mlen < 16 || off + mlen > len) {
                return;
            }
            if ((type == LinuxConstants.RTM_NEWLINK || type == LinuxConstants.RTM_DELLINK) && mlen >= 32) {
                int flags = b.getInt(off + 16 + 8);
                String name = null;
                int a = off + 32;
                while (a + 4 <= off + mlen) {
                    int alen = b.getShort(a) & 0xffff;
                    int atype = b.getShort(a + 2) & 0xffff;
                    if (alen < 4 || a + alen > off + mlen) {
                        break;
                    }
                    if (atype == LinuxConstants.IFLA_IFNAME) {
                        int end = a + 4;
                        while (end < a + alen && buf[end] != 0) {
                            end++;
                        }
                        name = new String(buf, a + 4, end - a - 4, StandardCharsets.US_ASCII);
                    }
                    a += RtnetlinkCodec.align(alen);
                }
                boolean up = type == LinuxConstants.RTM_NEWLINK
                        && (flags & (LinuxConstants.IFF_UP | LinuxConstants.IFF_RUNNING))
                        == (LinuxConstants.IFF_UP | LinuxConstants.IFF_RUNNING);
                if (name != null) {
                    out.accept(name, up);
                }
            }
            off += RtnetlinkCodec.align(mlen);
        }
    }

    @Override
    public void close() {
        running = false;
        Syscalls.close(fd);
    }
}
