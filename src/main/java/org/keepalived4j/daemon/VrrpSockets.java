package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.keepalived4j.net.LinuxVrrpSocket;
import org.keepalived4j.net.LinuxVrrpSocket6;
import org.keepalived4j.net.Syscalls;
import org.keepalived4j.vrrp.packet.Ipv4Header;
import org.keepalived4j.vrrp.port.AdvertPort;
import org.keepalived4j.vrrp.runtime.ReceivedAdvert;

/**
 * The raw VRRP sockets, one per interface and family, shared by the instances on it, each with
 * a reader thread that hands datagrams to the event loop. A socket no longer used after a
 * reload is retired: its reader notices within the socket's receive timeout, stops and closes
 * it (never closing an fd under a blocked recv).
 */
final class VrrpSockets implements AdvertPort {
    private static final long RECEIVE_TIMEOUT_MICROS = 250_000;

    private final Map<String, LinuxVrrpSocket> v4 = new ConcurrentHashMap<>();
    private final Map<String, LinuxVrrpSocket6> v6 = new ConcurrentHashMap<>();
    private final Map<String, Integer> ifindex = new ConcurrentHashMap<>();
    private final Map<Object, Thread> readers = new ConcurrentHashMap<>();
    private final DaemonLog log;
    private final Consumer<ReceivedAdvert> sink;
    private volatile boolean running = true;

    VrrpSockets(DaemonLog log, Consumer<ReceivedAdvert> sink) {
        this.log = log;
        this.sink = sink;
    }

    void open4(String ifname, int index, Inet4Address group) throws IOException {
        ifindex.put(ifname, index);
        if (!v4.containsKey(ifname)) {
            v4.put(ifname, new LinuxVrrpSocket(ifname, index, group, RECEIVE_TIMEOUT_MICROS));
        }
    }

    void open6(String ifname, int index, Inet6Address group, Inet6Address source) throws IOException {
        ifindex.put(ifname, index);
        if (!v6.containsKey(ifname)) {
            v6.put(ifname, new LinuxVrrpSocket6(ifname, index, group, source, RECEIVE_TIMEOUT_MICROS));
        }
    }

    /** Start a reader for every socket that has none yet. */
    void startReaders() {
        v4.values().forEach(s -> readers.computeIfAbsent(s, k -> reader("vrrp-rx-" + s.ifname(), () -> read(s))));
        v6.values().forEach(s -> readers.computeIfAbsent(s, k -> reader("vrrp6-rx-" + s.ifname(), () -> read6(s))));
    }

    private static Thread reader(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Retire the sockets of interfaces (per family) no instance uses any more. */
    void retainOnly(Set<String> used4, Set<String> used6) {
        v4.keySet().removeIf(ifname -> !used4.contains(ifname));
        v6.keySet().removeIf(ifname -> !used6.contains(ifname));
    }

    int count() {
        return v4.size() + v6.size();
    }

    @Override
    public void send(String ifname, InetAddress src, InetAddress dst, byte[] message, int ttl) throws IOException {
        if (dst instanceof Inet6Address d6) {
            LinuxVrrpSocket6 s6 = v6.get(ifname);
            if (s6 == null) {
                throw new IOException("no IPv6 VRRP socket on " + ifname);
            }
            s6.send(d6, ifindex.get(ifname), message);
            return;
        }
        LinuxVrrpSocket s = v4.get(ifname);
        if (s == null) {
            throw new IOException("no VRRP socket on " + ifname);
        }
        s.send((Inet4Address) src, (Inet4Address) dst, message, ttl);
    }

    private void read(LinuxVrrpSocket s) {
        byte[] buf = new byte[65536];
        try {
            while (running && v4.get(s.ifname()) == s) {
                int n;
                try {
                    n = s.receive(buf);
                } catch (IOException e) {
                    if (running) {
                        log.info("VRRP receive on " + s.ifname() + " failed: " + e.getMessage());
                    }
                    return;
                }
                if (n <= 0) {
                    continue;
                }
                Ipv4Header h = Ipv4Header.parse(buf, n);
                if (h == null || h.totalLength() > n || h.totalLength() < h.headerLength()) {
                    continue;
                }
                byte[] msg = Arrays.copyOfRange(buf, h.headerLength(), h.totalLength());
                sink.accept(new ReceivedAdvert(s.ifname(), h.source(), h.destination(), h.ttl(), msg));
            }
        } finally {
            readers.remove(s);
            s.close();
        }
    }

    private void read6(LinuxVrrpSocket6 s) {
        byte[] buf = new byte[65536];
        try {
            while (running && v6.get(s.ifname()) == s) {
                try {
                    Syscalls.Datagram6 d = s.receive(buf);
                    if (d == null || d.length() <= 0) {
                        continue;
                    }
                    byte[] msg = Arrays.copyOf(buf, d.length());
                    sink.accept(new ReceivedAdvert(s.ifname(), InetAddress.getByAddress(d.source()),
                            InetAddress.getByAddress(d.destination()), d.hopLimit(), msg));
                } catch (IOException e) {
                    if (running) {
                        log.info("VRRP receive on " + s.ifname() + " (IPv6) failed: " + e.getMessage());
                    }
                    return;
                }
            }
        } finally {
            readers.remove(s);
            s.close();
        }
    }

    /** Stop the readers (each closes its socket), then close whatever is left. */
    void close() {
        running = false;
        for (Thread t : readers.values()) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        v4.values().forEach(LinuxVrrpSocket::close);   // idempotent: readers that ended have closed theirs
        v6.values().forEach(LinuxVrrpSocket6::close);
    }
}
