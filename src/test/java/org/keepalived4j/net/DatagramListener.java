package org.keepalived4j.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * A test stand-in for /dev/log or $NOTIFY_SOCKET: an AF_UNIX datagram socket bound to a path
 * (or an abstract name starting with '@'). Sends to AF_UNIX datagram sockets are synchronous
 * (the datagram is queued when sendto returns), so {@link #drain()} needs no waiting.
 */
public final class DatagramListener implements AutoCloseable {
    private final UnixDatagramChannel channel;

    public DatagramListener(String address) throws IOException {
        channel = UnixDatagramChannel.open();
        channel.bind(new UnixSocketAddress(UnixDatagramSender.nativePath(address)));
        channel.configureBlocking(false);
    }

    /** Every datagram queued so far, decoded as UTF-8, in arrival order. */
    public List<String> drain() throws IOException {
        List<String> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (true) {
            buf.clear();
            try {
                channel.receive(buf);
            } catch (IOException e) {
                // queue empty: EAGAIN (the errno may already be overwritten; the message is not)
                if (jnr.ffi.LastError.getLastError(jnr.ffi.Runtime.getSystemRuntime()) == Errno.EAGAIN
                        || String.valueOf(e.getMessage()).contains("temporarily unavailable")) {
                    return out;      // queue empty
                }
                throw e;
            }
            buf.flip();
            out.add(StandardCharsets.UTF_8.decode(buf).toString());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
