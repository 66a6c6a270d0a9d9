package org.keepalived4j.net;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;

/** The libc functions the daemon needs (jnr-ffi binding). Only {@link Syscalls} calls these. */
public interface LibC {
    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int optname, @In byte[] optval, int optlen);

    int getsockopt(int fd, int level, int optname, @Out byte[] optval, IntByReference optlen);

    int bind(int fd, @In byte[] addr, int addrlen);

    long sendto(int fd, @In byte[] buf, long len, int flags, @In byte[] addr, int addrlen);

    long recvfrom(int fd, @Out byte[] buf, long len, int flags, @Out byte[] addr, IntByReference addrlen);

    long recv(int fd, @Out byte[] buf, long len, int flags);

    long recvmsg(int fd, jnr.ffi.Pointer msg, int flags);

    int close(int fd);

    int if_nametoindex(String name);

    String strerror(int errnum);

    int signalfd(int fd, @In byte[] mask, int flags);

    long read(int fd, @Out byte[] buf, long count);

    /** getrusage(2): {@code usage} is a struct rusage (144 bytes on 64-bit Linux). */
    int getrusage(int who, @Out byte[] usage);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int ioctl(int fd, long request, @Out byte[] arg);

    /** glibc's signal(); only ever called with SIG_IGN (1), never with a Java callback. */
    long signal(int signum, long handler);
}
