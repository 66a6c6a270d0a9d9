package org.keepalived4j.testutil;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A UDP responder on a loopback port for DNS_CHECK / UDP_CHECK tests. {@code answer} turns each
 * datagram received into the reply (null: no reply); every datagram is recorded.
 */
public final class DnsResponder implements AutoCloseable {
    /** Makes the reply to a datagram, or null for none. */
    @FunctionalInterface
    public interface Answer {
        byte[] reply(byte[] request);
    }

    public final List<byte[]> received = new CopyOnWriteArrayList<>();
    public volatile Answer answer;
    private final DatagramSocket socket;
    private final Thread thread;

    public DnsResponder(InetAddress address, int port, Answer answer) throws SocketException {
        this.answer = answer;
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port));
        thread = new Thread(this::serve, "udp-responder");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] req = java.util.Arrays.copyOf(p.getData(), p.getLength());
                received.add(req);
                byte[] r = answer.reply(req);
                if (r != null) {
                    socket.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A DNS response to {@code query}: same id, QR set, the given RCODE, no records. */
    public static byte[] dnsReply(byte[] query, int rcode) {
        byte[] r = query.clone();
        r[2] = (byte) (r[2] | 0x80);
        r[3] = (byte) ((r[3] & 0xf0) | rcode);
        return r;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
