package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.LinuxVrrpSocket;
import org.keepalived4j.net.LinuxVrrpSocket6;
import org.keepalived4j.net.Syscalls;
import org.keepalived4j.vrrp.packet.AhCodec;
import org.keepalived4j.vrrp.packet.Ipv4Header;
import org.keepalived4j.vrrp.port.AdvertPort;
import org.keepalived4j.vrrp.runtime.ReceivedAdvert;

/**
 * The raw VRRP sockets, one per interface, family and IPv4 protocol (112, or 51 for AH, as
 * keepalived's sockpool), shared by the instances on it, each with
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
    private final org.keepalived4j.util.Ticker ticker;
    private final Sink sink;
    private volatile boolean running = true;

    /** Where the readers hand datagrams, with the time (µs, {@code ticker}) their recv returned. */
    @FunctionalInterface
    interface Sink {
        void accept(long receivedMicros, ReceivedAdvert advert);
    }

    VrrpSockets(DaemonLog log, org.keepalived4j.util.Ticker ticker, Sink sink) {
        this.log = log;
        this.ticker = ticker;
        this.sink = sink;
    }

    /** The key of an IPv4 socket: interface and protocol. */
    static String key4(String ifname, int protocol) {
        return ifname + "/" + protocol;
    }

    private static String key4(LinuxVrrpSocket s) {
        return key4(s.ifname(), s.protocol());
    }

    /** @param protocol 112, or 51 for instances with AH authentication */
    void open4(String ifname, int index, Inet4Address group, int protocol) throws IOException {
        ifindex.put(ifname, index);
        if (!v4.containsKey(key4(ifname, protocol))) {
            v4.put(key4(ifname, protocol), new LinuxVrrpSocket(ifname, index, group, RECEIVE_TIMEOUT_MICROS, protocol));
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

    /** Retire the sockets no instance uses any more: IPv4 by {@link #key4} (interface and protocol), IPv6 by interface. */
    void retainOnly(Set<String> used4, Set<String> used6) {
        v4.keySet().removeIf(key -> !used4.contains(key));
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
        LinuxVrrpSocket s = v4.get(key4(ifname, LinuxConstants.IPPROTO_VRRP));
        if (s == null) {
            throw new IOException("no VRRP socket on " + ifname);
        }
        s.send((Inet4Address) src, (Inet4Address) dst, message, ttl);
    }

    /** An AH advert (whole datagram) on the interface's protocol 51 socket, as keepalived sends it. */
    @Override
    public void sendIpv4(String ifname, Inet4Address dst, byte[] datagram) throws IOException {
        LinuxVrrpSocket s = v4.get(key4(ifname, LinuxConstants.IPPROTO_AH));
        if (s == null) {
            throw new IOException("no AH socket on " + ifname);
        }
        s.sendDatagram(dst, datagram);
    }

    private void read(LinuxVrrpSocket s) {
        byte[] buf = new byte[65536];
        try {
            while (running && v4.get(key4(s)) == s) {
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
                long received = ticker.nowMicros();
                Ipv4Header h = Ipv4Header.parse(buf, n);
                if (h == null || h.totalLength() > n || h.totalLength() < h.headerLength()) {
                    continue;
                }
                ReceivedAdvert in = advert(s.ifname(), h, buf);
                if (in != null) {
                    if (priorityZero(in)) {
                        received = arrival(received, s.receivedAtNanos());
                    }
                    sink.accept(received, in);
                }
            }
        } finally {
            readers.remove(s);
            s.close();
        }
    }

    /** A priority-0 advert (its priority octet), the one whose timer is short: Skew_Time. */
    static boolean priorityZero(ReceivedAdvert in) {
        return in.message().length > 2 && in.message()[2] == 0;
    }

    /**
     * When a priority-0 advert arrived, on the ticker's clock: the kernel's receive time stamp
     * (realtime, moved to the ticker by the two clocks' offset now) when there is one, else
     * {@code now}. Skew_Time, a takeover's start, then does not move with how late this thread got
     * a CPU to read the advert: with the stopping master's JVM busy on a 2-core machine that was
     * up to ~1 ms (keepalived takes its time when epoll_wait returns). Other adverts keep the
     * reader's clock: their timer is Master_Down (three intervals), and a system call per advert
     * would cost 255 instances ~5,000 a second.
     */
    private long arrival(long now, long stampNanos) {
        if (stampNanos <= 0) {
            return now;
        }
        java.time.Instant wall = java.time.Instant.now();
        long tickerNow = ticker.nowMicros();     // after the wall clock: the arrival is never put early
        return arrival(now, tickerNow, wall.getEpochSecond() * 1_000_000_000L + wall.getNano(), stampNanos);
    }

    /**
     * @param now        the reader's clock as recv returned (µs, ticker)
     * @param tickerNow  the ticker read together with {@code wallNanos}
     * @param stampNanos the kernel's receive time stamp (realtime ns)
     * @return the arrival on the ticker's clock; {@code now} when the stamp is not believable
     */
    static long arrival(long now, long tickerNow, long wallNanos, long stampNanos) {
        long ago = (wallNanos - stampNanos) / 1_000;
        long at = tickerNow - ago;
        return ago >= 0 && ago < MAX_STAMP_AGE_MICROS && at <= now ? at : now;
    }

    /** A stamp older than this (or in the future: the wall clock was set) is not believed. */
    static final long MAX_STAMP_AGE_MICROS = 1_000_000;

    /** The advert in a received IPv4 datagram; null for an AH datagram too short for its AH header. */
    static ReceivedAdvert advert(String ifname, Ipv4Header h, byte[] buf) {
        if (h.protocol() != LinuxConstants.IPPROTO_AH) {
            byte[] msg = Arrays.copyOfRange(buf, h.headerLength(), h.totalLength());
            return new ReceivedAdvert(ifname, h.source(), h.destination(), h.ttl(), msg);
        }
        int vrrpAt = h.headerLength() + AhCodec.AH_LENGTH;
        if (h.totalLength() < vrrpAt) {
            return null;
        }
        return new ReceivedAdvert(ifname, h.source(), h.destination(), h.ttl(),
                Arrays.copyOfRange(buf, vrrpAt, h.totalLength()), h.protocol(), Arrays.copyOf(buf, vrrpAt));
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
                    long received = ticker.nowMicros();
                    byte[] msg = Arrays.copyOf(buf, d.length());
                    ReceivedAdvert in = new ReceivedAdvert(s.ifname(), InetAddress.getByAddress(d.source()),
                            InetAddress.getByAddress(d.destination()), d.hopLimit(), msg);
                    if (priorityZero(in)) {
                        received = arrival(received, s.receivedAtNanos());
                    }
                    sink.accept(received, in);
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
