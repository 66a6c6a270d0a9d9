package org.keepalived4j.net;

import java.nio.charset.StandardCharsets;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * The file system calls of tracking and notification (FIFOs, inotify), each wrapped once: the
 * return is checked, EINTR retried, failures thrown as {@link NativeException} with the errno
 * name. Constants from the kernel/glibc headers named beside them.
 */
public final class FileCalls {
    // <fcntl.h> / <asm-generic/fcntl.h>
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 02;
    public static final int O_NONBLOCK = 04000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    // <sys/inotify.h>
    public static final int IN_MODIFY = 0x002;
    public static final int IN_CLOSE_WRITE = 0x008;
    public static final int IN_MOVED_FROM = 0x040;
    public static final int IN_MOVED_TO = 0x080;
    public static final int IN_MOVE = IN_MOVED_FROM | IN_MOVED_TO;
    public static final int IN_DELETE = 0x200;
    public static final int IN_ISDIR = 0x40000000;
    public static final int IN_NONBLOCK = O_NONBLOCK;
    public static final int IN_CLOEXEC = O_CLOEXEC;
    // <poll.h>
    static final short POLLIN = 0x1;
    // <asm-generic/errno-base.h>
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    public static final int EEXIST = 17;

    /** libc, the calls of this class only. */
    public interface Lib {
        int mkfifo(String path, int mode);

        int open(String path, int flags);

        long write(int fd, @In byte[] buf, long count);

        long read(int fd, @Out byte[] buf, long count);

        int chown(String path, int owner, int group);

        int unlink(String path);

        int close(int fd);

        int inotify_init1(int flags);

        int inotify_add_watch(int fd, String path, int mask);

        int poll(@In @Out byte[] fds, long nfds, int timeout);

        String strerror(int errnum);
    }

    private static final Lib LIB = LibraryLoader.create(Lib.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIB);

    private FileCalls() {
    }

    private static NativeException fail(String call) {
        int errno = RUNTIME.getLastError();
        return new NativeException(call, errno, LIB.strerror(errno));
    }

    private static int errno() {
        return RUNTIME.getLastError();
    }

    /** mkfifo(); EEXIST is reported as false, not thrown. */
    public static boolean mkfifo(String path, int mode) throws NativeException {
        if (LIB.mkfifo(path, mode) == 0) {
            return true;
        }
        if (errno() == EEXIST) {
            return false;
        }
        throw fail("mkfifo");
    }

    public static int open(String path, int flags) throws NativeException {
        while (true) {
            int fd = LIB.open(path, flags);
            if (fd >= 0) {
                return fd;
            }
            if (errno() != EINTR) {
                throw fail("open");
            }
        }
    }

    /** write(); a full non-blocking pipe (EAGAIN) writes nothing and returns 0. */
    public static long write(int fd, byte[] buf) throws NativeException {
        while (true) {
            long n = LIB.write(fd, buf, buf.length);
            if (n >= 0) {
                return n;
            }
            int e = errno();
            if (e == EAGAIN) {
                return 0;
            }
            if (e != EINTR) {
                throw fail("write");
            }
        }
    }

    /** read(); 0 at the end, -1 when a non-blocking descriptor has nothing (EAGAIN). */
    public static int read(int fd, byte[] buf) throws NativeException {
        while (true) {
            long n = LIB.read(fd, buf, buf.length);
            if (n >= 0) {
                return (int) n;
            }
            int e = errno();
            if (e == EAGAIN) {
                return -1;
            }
            if (e != EINTR) {
                throw fail("read");
            }
        }
    }

    public static void chown(String path, int uid, int gid) throws NativeException {
        if (LIB.chown(path, uid, gid) != 0) {
            throw fail("chown");
        }
    }

    public static void unlink(String path) {
        LIB.unlink(path);
    }

    public static void close(int fd) {
        LIB.close(fd);
    }

    public static int inotifyInit() throws NativeException {
        int fd = LIB.inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        if (fd < 0) {
            throw fail("inotify_init1");
        }
        return fd;
    }

    public static int inotifyAddWatch(int fd, String path, int mask) throws NativeException {
        int wd = LIB.inotify_add_watch(fd, path, mask);
        if (wd < 0) {
            throw fail("inotify_add_watch");
        }
        return wd;
    }

    /** poll() one descriptor for input; true when readable, false on timeout or EINTR. */
    public static boolean pollIn(int fd, int timeoutMillis) throws NativeException {
        // struct pollfd (poll.h): int fd; short events; short revents
        byte[] pfd = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder()).putInt(fd)
                .putShort(POLLIN).putShort((short) 0).array();
        int n = LIB.poll(pfd, 1, timeoutMillis);
        if (n < 0) {
            if (errno() == EINTR) {
                return false;
            }
            throw fail("poll");
        }
        return n > 0;
    }

    /** The bytes of a string for write(). */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
