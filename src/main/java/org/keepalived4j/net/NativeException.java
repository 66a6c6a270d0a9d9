package org.keepalived4j.net;

/** A failed system call: names the call and the errno, e.g. {@code sendto: ENETUNREACH (Network is unreachable)}. */
public final class NativeException extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final String call;
    private final int errno;

    public NativeException(String call, int errno, String description) {
        super(call + ": " + Errno.name(errno) + " (" + description + ")");
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
