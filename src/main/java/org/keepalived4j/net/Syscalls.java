package org.keepalived4j.net;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;

/**
 * Each system call wrapped once: return value checked, errno read, EINTR retried, failures
 * thrown as {@link NativeException} naming the call. Timeouts (EAGAIN on a socket with
 * SO_RCVTIMEO) are returned as -1, not thrown.
 */
public final class Syscalls {
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Syscalls() {
    }

    private static NativeException fail(String call) {
        return fail(call, RUNTIME.getLastError());
    }

    private static NativeException fail(String call, int errno) {
        return new NativeException(call, errno, LIBC.strerror(errno));
    }

    public static int socket(int domain, int type, int protocol) throws NativeException {
        int fd = LIBC.socket(domain, type, protocol);
        if (fd < 0) {
            throw fail("socket");
        }
        return fd;
    }

    public static void setsockopt(int fd, int level, int opt, byte[] value, String what) throws NativeException {
        if (LIBC.setsockopt(fd, level, opt, value, value.length) < 0) {
            throw fail("setsockopt(" + what + ")");
        }
    }

    /**
     * getsockopt(2) into {@code value}.
     *
     * @return the length the kernel wrote
     */
    public static int getsockopt(int fd, int level, int opt, byte[] value, String what) throws NativeException {
        IntByReference len = new IntByReference(value.length);
        if (LIBC.getsockopt(fd, level, opt, value, len) < 0) {
            throw fail("getsockopt(" + what + ")");
        }
        return len.getValue();
    }

    /** The C library's text for an errno ({@code strerror(3)}). */
    public static String strerror(int errno) {
        return LIBC.strerror(errno);
    }

    public static void setsockoptInt(int fd, int level, int opt, int value, String what) throws NativeException {
        setsockopt(fd, level, opt, Structs.int32(value), what);
    }

    /**
     * A receive buffer large enough for bursts of adverts from many instances: SO_RCVBUFFORCE
     * (root may exceed net.core.rmem_max), else SO_RCVBUF.
     */
    public static void receiveBuffer(int fd, int bytes) throws NativeException {
        if (LIBC.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUFFORCE, Structs.int32(bytes), 4) < 0) {
            setsockoptInt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    public static void bind(int fd, byte[] addr) throws NativeException {
        if (LIBC.bind(fd, addr, addr.length) < 0) {
            throw fail("bind");
        }
    }

    /** sendto(2), again after EINTR (through jffi directly: {@link DirectCalls}). */
    public static void sendto(int fd, byte[] buf, int len, byte[] addr) throws NativeException {
        while (true) {
            long n = DirectCalls.sendto(fd, buf, len, addr);
            if (n >= 0) {
                return;
            }
            int errno = DirectCalls.errno();
            if (errno != Errno.EINTR) {
                throw fail("sendto", errno);
            }
        }
    }

    /**
     * Receive one datagram.
     *
     * @param from receives the source sockaddr (may be null)
     * @return its length, or -1 when the receive timeout expired
     */
    public static int recvfrom(int fd, byte[] buf, byte[] from) throws NativeException {
        while (true) {
            long n;
            int e;
            if (from == null) {
                n = DirectCalls.recv(fd, buf);
                e = n < 0 ? DirectCalls.errno() : 0;
            } else {
                n = LIBC.recvfrom(fd, buf, buf.length, 0, from, new IntByReference(from.length));
                e = n < 0 ? RUNTIME.getLastError() : 0;
            }
            if (n >= 0) {
                return (int) n;
            }
            if (e == Errno.EAGAIN) {
                return -1;
            }
            if (e != Errno.EINTR) {
                throw fail("recvfrom", e);
            }
        }
    }

    /** A datagram with its IPv6 ancillary data (recvmsg with IPV6_PKTINFO and IPV6_HOPLIMIT). */
    public record Datagram6(int length, byte[] source, byte[] destination, int hopLimit, int ifindex) {
    }

    /**
     * recvmsg() on an IPv6 socket with IPV6_RECVPKTINFO and IPV6_RECVHOPLIMIT set.
     *
     * @return the datagram, or null when the receive timeout expired
     */
    public static Datagram6 recvmsg6(int fd, byte[] buf) throws NativeException {
        // struct msghdr (x86_64): name, namelen, iov, iovlen, control, controllen, flags = 56 bytes
        jnr.ffi.Pointer name = jnr.ffi.Memory.allocateDirect(RUNTIME, 28);
        jnr.ffi.Pointer data = jnr.ffi.Memory.allocateDirect(RUNTIME, buf.length);
        jnr.ffi.Pointer iov = jnr.ffi.Memory.allocateDirect(RUNTIME, 16);
        jnr.ffi.Pointer control = jnr.ffi.Memory.allocateDirect(RUNTIME, 256);
        jnr.ffi.Pointer msg = jnr.ffi.Memory.allocateDirect(RUNTIME, 56);
        iov.putAddress(0, data.address());
        iov.putLong(8, buf.length);
        msg.putAddress(0, name.address());
        msg.putInt(8, 28);
        msg.putAddress(16, iov.address());
        msg.putLong(24, 1);
        msg.putAddress(32, control.address());
        msg.putLong(40, 256);
        msg.putInt(48, 0);
        long n;
        while (true) {
            n = LIBC.recvmsg(fd, msg, 0);
            if (n >= 0) {
                break;
            }
            int e = RUNTIME.getLastError();
            if (e == Errno.EAGAIN) {
                return null;
            }
            if (e != Errno.EINTR) {
                throw fail("recvmsg");
            }
        }
        data.get(0, buf, 0, (int) Math.min(n, buf.length));
        byte[] src = new byte[16];
        name.get(8, src, 0, 16);                       // sockaddr_in6.sin6_addr
        byte[] dst = new byte[16];
        int hop = -1;
        int ifindex = 0;
        long controllen = msg.getLong(40);
        long off = 0;
        while (off + 16 <= controllen) {               // struct cmsghdr: len (8), level (4), type (4), data
            long len = control.getLong(off);
            int level = control.getInt(off + 8);
            int type = control.getInt(off + 12);
            if (len < 16) {
                break;
            }
            if (level == LinuxConstants.IPPROTO_IPV6 && type == LinuxConstants.IPV6_HOPLIMIT) {
                hop = control.getInt(off + 16);
            } else if (level == LinuxConstants.IPPROTO_IPV6 && type == LinuxConstants.IPV6_PKTINFO) {
                control.get(off + 16, dst, 0, 16);     // struct in6_pktinfo: addr, ifindex
                ifindex = control.getInt(off + 32);
            }
            off += (len + 7) & ~7L;
        }
        return new Datagram6((int) n, src, dst, hop, ifindex);
    }

    /** signalfd(2) for the given signals (which must be blocked in every thread to be read here). */
    public static int signalfd(int... signals) throws NativeException {
        byte[] mask = new byte[128];
        for (int sig : signals) {
            int bit = sig - 1;
            mask[bit / 8] |= (byte) (1 << (bit % 8));
        }
        int fd = LIBC.signalfd(-1, mask, LinuxConstants.SFD_CLOEXEC);
        if (fd < 0) {
            throw fail("signalfd");
        }
        return fd;
    }

    /** read(2), EINTR retried. */
    public static int read(int fd, byte[] buf) throws NativeException {
        while (true) {
            long n = LIBC.read(fd, buf, buf.length);
            if (n >= 0) {
                return (int) n;
            }
            if (RUNTIME.getLastError() != Errno.EINTR) {
                throw fail("read");
            }
        }
    }

    /** signal(sig, SIG_IGN). */
    public static void ignoreSignal(int sig) throws NativeException {
        if (LIBC.signal(sig, 1) == -1) {
            throw fail("signal(" + sig + ", SIG_IGN)");
        }
    }

    /** RUSAGE_SELF / RUSAGE_CHILDREN for {@link #cpuTimes}. */
    public static final int RUSAGE_SELF = 0;
    public static final int RUSAGE_CHILDREN = -1;

    /**
     * getrusage(2): user and system CPU time in microseconds, {@code {user, system}}. struct rusage
     * starts with ru_utime and ru_stime, each a struct timeval of two longs on 64-bit Linux.
     */
    public static long[] cpuTimes(int who) throws NativeException {
        byte[] usage = new byte[144];
        if (LIBC.getrusage(who, usage) < 0) {
            throw fail("getrusage");
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(usage).order(java.nio.ByteOrder.nativeOrder());
        return new long[] {b.getLong(0) * 1_000_000 + b.getLong(8), b.getLong(16) * 1_000_000 + b.getLong(24)};
    }

    public static void close(int fd) {
        LIBC.close(fd);
    }

    private static final long SIOCGSTAMPNS = 0x8907;

    /**
     * ioctl(SIOCGSTAMPNS): when the kernel received the last datagram read from {@code fd}
     * (CLOCK_REALTIME, ns), or -1 when it has none (the first call switches the socket's time
     * stamps on, so the datagram read before it has none: ENOENT).
     */
    public static long receiveStampNanos(int fd) {
        byte[] ts = new byte[16];     // struct timespec: tv_sec, tv_nsec (two longs on 64-bit Linux)
        if (LIBC.ioctl(fd, SIOCGSTAMPNS, ts) < 0) {
            return -1;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(ts).order(java.nio.ByteOrder.nativeOrder());
        return b.getLong(0) * 1_000_000_000L + b.getLong(8);
    }

    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;

    /**
     * prctl(PR_SET_TIMERSLACK) for the calling thread: how late the kernel may end its timed
     * waits to group wake-ups (default 50 µs).
     */
    public static void setTimerSlack(long nanos) throws NativeException {
        if (LIBC.prctl(PR_SET_TIMERSLACK, nanos, 0, 0, 0) < 0) {
            throw fail("prctl(PR_SET_TIMERSLACK)");
        }
    }

    /** prctl(PR_GET_TIMERSLACK): the calling thread's timer slack in nanoseconds. */
    public static long timerSlack() throws NativeException {
        int n = LIBC.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
        if (n < 0) {
            throw fail("prctl(PR_GET_TIMERSLACK)");
        }
        return n;
    }

    public static int ifNameToIndex(String name) throws NativeException {
        int idx = LIBC.if_nametoindex(name);
        if (idx == 0) {
            throw fail("if_nametoindex(" + name + ")");
        }
        return idx;
    }
}
