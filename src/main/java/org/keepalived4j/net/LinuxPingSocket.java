package org.keepalived4j.net;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * ICMP "ping" sockets (SOCK_DGRAM with IPPROTO_ICMP / IPPROTO_ICMPV6, Linux net/ipv4/ping.c), as
 * keepalived's PING_CHECK opens them (check_ping.c: icmp_connect_thread()): the kernel sets the
 * echo identifier, checks the checksum and delivers only the echo replies to this socket's
 * requests. The caller's group must be within net.ipv4.ping_group_range (for ICMPv6 too).
 */
public final class LinuxPingSocket {
    /** The two calls not in {@link LibC}. */
    public interface Lib {
        int socket(int domain, int type, int protocol);

        int setns(int fd, int nstype);

        String strerror(int errnum);
    }

    private static final Lib LIB = LibraryLoader.create(Lib.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIB);
    /** linux/in.h, linux/in6.h. */
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    /** asm-generic/fcntl.h (SOCK_NONBLOCK = O_NONBLOCK). */
    private static final int SOCK_NONBLOCK = 04000;
    /** linux/sched.h. */
    private static final int CLONE_NEWNET = 0x40000000;
    /** SOCK_RECV_BUFF of check_ping.c. */
    private static final int RECV_BUFFER = 128 * 1024;

    private LinuxPingSocket() {
    }

    /**
     * A non-blocking, close-on-exec ping socket with a 128 KiB receive buffer.
     *
     * @return its file descriptor
     */
    public static int open(boolean ipv6) throws NativeException {
        int fd = LIB.socket(ipv6 ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET,
                LinuxConstants.SOCK_DGRAM | SOCK_NONBLOCK | LinuxConstants.SOCK_CLOEXEC,
                ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
        if (fd < 0) {
            int errno = RUNTIME.getLastError();
            throw new NativeException("socket", errno, LIB.strerror(errno));
        }
        try {
            Syscalls.setsockoptInt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUF, RECV_BUFFER, "SO_RCVBUF");
        } catch (NativeException e) {
            // keepalived logs and goes on with the default buffer
        }
        return fd;
    }

    /**
     * Moves the calling thread into the network namespace at {@code path} (e.g.
     * /run/netns/NAME): sockets it opens afterwards, and the /proc/sys/net files it opens, are
     * that namespace's.
     */
    public static void enterNetworkNamespace(String path) throws NativeException {
        int fd = FileCalls.open(path, FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
        try {
            if (LIB.setns(fd, CLONE_NEWNET) < 0) {
                int errno = RUNTIME.getLastError();
                throw new NativeException("setns", errno, LIB.strerror(errno));
            }
        } finally {
            FileCalls.close(fd);
        }
    }
}
