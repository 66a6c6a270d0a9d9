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
        int errno = RUNTIME.getLastError();
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

    public static void setsockoptInt(int fd, int level, int opt, int value, String what) throws NativeException {
        setsockopt(fd, level, opt, Structs.int32(value), what);
    }

    public static void bind(int fd, byte[] addr) throws NativeException {
        if (LIBC.bind(fd, addr, addr.length) < 0) {
            throw fail("bind");
        }
    }

    public static void sendto(int fd, byte[] buf, int len, byte[] addr) throws NativeException {
        while (true) {
            long n = LIBC.sendto(fd, buf, len, 0, addr, addr == null ? 0 : addr.length);
            if (n >= 0) {
                return;
            }
            if (RUNTIME.getLastError() != Errno.EINTR) {
                throw fail("sendto");
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
            if (from == null) {
                n = LIBC.recv(fd, buf, buf.length, 0);
            } else {
                n = LIBC.recvfrom(fd, buf, buf.length, 0, from, new IntByReference(from.length));
            }
            if (n >= 0) {
                return (int) n;
            }
            int e = RUNTIME.getLastError();
            if (e == Errno.EAGAIN) {
                return -1;
            }
            if (e != Errno.EINTR) {
                throw fail("recvfrom");
            }
        }
    }

    public static void close(int fd) {
        LIBC.close(fd);
    }

    public static int ifNameToIndex(String name) throws NativeException {
        int idx = LIBC.if_nametoindex(name);
        if (idx == 0) {
            throw fail("if_nametoindex(" + name + ")");
        }
        return idx;
    }
}
