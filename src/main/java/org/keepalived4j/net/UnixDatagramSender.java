package org.keepalived4j.net;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

import jnr.ffi.LastError;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Sends datagrams to one AF_UNIX SOCK_DGRAM address (jnr-unixsocket): {@code /dev/log} for
 * syslog, {@code $NOTIFY_SOCKET} for sd_notify. The socket is non-blocking and unconnected, so
 * each send resolves the path again: a syslog daemon that recreates its socket is picked up
 * without reconnecting, and a full receive queue never stalls the caller.
 *
 * <p>An address starting with {@code '@'} names a Linux abstract socket (as systemd writes it in
 * NOTIFY_SOCKET and as {@code ss -x} prints it); jnr-unixsocket addresses those when the path
 * starts with a NUL byte and passes the exact address length, which it does on Linux.
 *
 * <p>Not thread-safe: callers serialise sends (the log sinks hold their own lock).
 */
public final class UnixDatagramSender implements Closeable {
    private final String address;
    private final UnixSocketAddress target;
    private final UnixDatagramChannel channel;

    private UnixDatagramSender(String address, UnixSocketAddress target, UnixDatagramChannel channel) {
        this.address = address;
        this.target = target;
        this.channel = channel;
    }

    /**
     * Opens a non-blocking AF_UNIX datagram socket aimed at {@code address}.
     *
     * @param address a filesystem path, or {@code @name} for an abstract socket
     * @throws NativeException {@code socket} or {@code fcntl} failed (e.g. EMFILE)
     */
    public static UnixDatagramSender open(String address) throws NativeException {
        UnixSocketAddress target = new UnixSocketAddress(nativePath(address));
        UnixDatagramChannel ch;
        try {
            ch = UnixDatagramChannel.open();
        } catch (IOException e) {
            throw failure("socket(AF_UNIX, SOCK_DGRAM)", e);
        }
        try {
            ch.configureBlocking(false);
        } catch (IOException e) {
            closeQuietly(ch);
            throw failure("fcntl(O_NONBLOCK)", e);
        }
        return new UnixDatagramSender(address, target, ch);
    }

    /** {@code @name} (abstract namespace) becomes {@code \0name}; paths are unchanged. */
    static String nativePath(String address) {
        return address.startsWith("@") ? "\0" + address.substring(1) : address;
    }

    /** The address as given to {@link #open}, e.g. {@code /dev/log} or {@code @/org/freedesktop/systemd1/notify}. */
    public String address() {
        return address;
    }

    /**
     * Sends {@code datagram} (position to limit) as one datagram.
     *
     * @return true when sent; false when the receiver's queue is full (EAGAIN) and it was dropped
     * @throws NativeException {@code sendto} failed otherwise (ENOENT no socket, ECONNREFUSED no
     *                         listener, EMSGSIZE too large, ...)
     */
    public boolean send(ByteBuffer datagram) throws NativeException {
        try {
            channel.send(datagram, target);
            return true;
        } catch (IOException e) {
            NativeException n = failure("sendto(" + address + ")", e);
            if (n.errno() == Errno.EAGAIN) {
                return false;
            }
            throw n;
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(UnixDatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a datagram socket reports nothing useful
        }
    }

    /** jnr-unixsocket throws IOException(strerror); the errno is still in jnr-ffi's saved last error. */
    private static NativeException failure(String call, IOException e) {
        int errno = LastError.getLastError(jnr.ffi.Runtime.getSystemRuntime());
        return new NativeException(call, errno, e.getMessage() == null ? "unknown error" : e.getMessage());
    }
}
