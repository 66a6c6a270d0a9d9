package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.net.InterfaceInfo;
import org.keepalived4j.net.LinuxAnnouncer;
import org.keepalived4j.net.LinuxLinkMonitor;
import org.keepalived4j.net.LinuxVipManager;
import org.keepalived4j.net.LinuxVrrpSocket;
import org.keepalived4j.vrrp.packet.Ipv4Header;
import org.keepalived4j.vrrp.port.AdvertPort;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.runtime.InstanceRuntime;
import org.keepalived4j.vrrp.runtime.ReceivedAdvert;
import org.keepalived4j.vrrp.runtime.VrrpRouter;

/**
 * The VRRP subsystem: one raw socket per interface (shared by its instances), a reader thread
 * per socket, the link monitor, and the router, all feeding one {@link EventLoop}.
 */
public final class VrrpService implements AutoCloseable {
    private final DaemonLog log;
    private final VrrpRouter router = new VrrpRouter();
    private final Map<String, LinuxVrrpSocket> sockets = new HashMap<>();
    private final Map<String, org.keepalived4j.net.LinuxVrrpSocket6> sockets6 = new HashMap<>();
    private final Map<String, Integer> ifindex = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LinuxVipManager vips;
    private final LinuxAnnouncer announcer;
    private final EventLoop loop;
    private LinuxLinkMonitor linkMonitor;
    private volatile boolean running = true;

    public VrrpService(DaemonLog log, org.keepalived4j.util.Ticker ticker) throws IOException {
        this.log = log;
        this.vips = new LinuxVipManager();
        this.announcer = new LinuxAnnouncer();
        this.loop = new EventLoop(ticker, router::nextDeadline, router::tick);
    }

    public EventLoop loop() {
        return loop;
    }

    public VrrpRouter router() {
        return router;
    }

    /** Build the instances of a configuration; instances that cannot run are reported and skipped. */
    public void configure(KeepalivedConfig cfg) {
        AdvertPort adverts = (ifname, src, dst, message, ttl) -> {
            if (dst instanceof java.net.Inet6Address d6) {
                org.keepalived4j.net.LinuxVrrpSocket6 s6 = sockets6.get(ifname);
                if (s6 == null) {
                    throw new IOException("no IPv6 VRRP socket on " + ifname);
                }
                s6.send(d6, ifindex.get(ifname), message);
                return;
            }
            LinuxVrrpSocket s = sockets.get(ifname);
            if (s == null) {
                throw new IOException("no VRRP socket on " + ifname);
            }
            s.send((Inet4Address) src, (Inet4Address) dst, message, ttl);
        };
        Ports ports = new Ports(adverts, vips, announcer, log, (name, from, to, prio) -> { });
        for (VrrpInstanceConfig i : cfg.vrrpInstances()) {
            Optional<InstanceRuntime> r = build(i, cfg, ports);
            r.ifPresent(router::add);
        }
    }

    private Optional<InstanceRuntime> build(VrrpInstanceConfig i, KeepalivedConfig cfg, Ports ports) {
        if (i.interfaceName().isEmpty()) {
            log.info("(" + i.name() + ") instances without an interface are not implemented in this build - not started");
            return Optional.empty();
        }
        String ifname = i.interfaceName().get();
        Optional<InterfaceInfo> info = InterfaceInfo.of(ifname);
        if (info.isEmpty()) {
            log.info("(" + i.name() + ") interface " + ifname + " does not exist - instance not started");
            return Optional.empty();
        }
        ifindex.put(ifname, info.get().index());
        announcer.prime(info.get());
        return i.isIpv6() ? build6(i, cfg, ports, ifname, info.get()) : build4(i, cfg, ports, ifname, info.get());
    }

    private Optional<InstanceRuntime> build4(VrrpInstanceConfig i, KeepalivedConfig cfg, Ports ports, String ifname,
                                             InterfaceInfo info) {
        InetAddress source;
        try {
            source = i.sourceAddress().isPresent() ? i.sourceAddress().get()
                    : vips.primaryIpv4(info.index()).orElse(null);
        } catch (IOException e) {
            log.info("(" + i.name() + ") cannot read the addresses of " + ifname + ": " + e.getMessage());
            return Optional.empty();
        }
        if (source == null) {
            log.info("(" + i.name() + ") interface " + ifname + " has no IPv4 address - instance not started");
            return Optional.empty();
        }
        try {
            if (!sockets.containsKey(ifname)) {
                sockets.put(ifname, new LinuxVrrpSocket(ifname, info.index(),
                        (Inet4Address) cfg.global().vrrpMcastGroup4(), 250_000));
            }
        } catch (IOException e) {
            log.info("(" + i.name() + ") cannot open the VRRP socket on " + ifname + ": " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new InstanceRuntime(i, ifname, source, cfg.global().vrrpMcastGroup4(), ports));
    }

    /** IPv6: the source is the interface's link-local address once duplicate address detection is over. */
    private Optional<InstanceRuntime> build6(VrrpInstanceConfig i, KeepalivedConfig cfg, Ports ports, String ifname,
                                             InterfaceInfo info) {
        InetAddress source = i.sourceAddress().orElse(null);
        long deadline = System.nanoTime() + 5_000_000_000L;
        try {
            while (source == null) {
                source = vips.addresses(org.keepalived4j.net.LinuxConstants.AF_INET6).stream()
                        .filter(a -> a.ifindex() == info.index() && a.scope() == 253 && (a.flags() & 0x40) == 0)
                        .map(a -> a.address()).findFirst().orElse(null);
                if (source == null && System.nanoTime() > deadline) {
                    break;
                }
                if (source == null) {
                    Thread.sleep(100);   // start-up only: a fresh link-local address is tentative for ~2 s
                }
            }
        } catch (IOException e) {
            log.info("(" + i.name() + ") cannot read the addresses of " + ifname + ": " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (source == null) {
            log.info("(" + i.name() + ") interface " + ifname + " has no usable IPv6 link-local address - instance not started");
            return Optional.empty();
        }
        try {
            if (!sockets6.containsKey(ifname)) {
                sockets6.put(ifname, new org.keepalived4j.net.LinuxVrrpSocket6(ifname, info.index(),
                        (java.net.Inet6Address) cfg.global().vrrpMcastGroup6(), (java.net.Inet6Address) source, 250_000));
            }
        } catch (IOException e) {
            log.info("(" + i.name() + ") cannot open the IPv6 VRRP socket on " + ifname + ": " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new InstanceRuntime(i, ifname, source, cfg.global().vrrpMcastGroup6(), ports));
    }
    /** Start readers, the link monitor and the instances; returns the loop thread. */
    public Thread start() throws IOException {
        for (LinuxVrrpSocket s : sockets.values()) {
            Thread t = new Thread(() -> read(s), "vrrp-rx-" + s.ifname());
            t.setDaemon(true);
            threads.add(t);
        }
        for (org.keepalived4j.net.LinuxVrrpSocket6 s : sockets6.values()) {
            Thread t = new Thread(() -> read6(s), "vrrp6-rx-" + s.ifname());
            t.setDaemon(true);
            threads.add(t);
        }
        linkMonitor = new LinuxLinkMonitor((ifname, up) -> loop.post(now -> linkEvent(now, ifname, up)));
        Thread lm = new Thread(linkMonitor, "link-monitor");
        lm.setDaemon(true);
        threads.add(lm);
        for (InstanceRuntime r : router.instances()) {
            r.warmUp();
            r.config().virtualIpAddresses().forEach(v -> org.keepalived4j.net.RtnetlinkCodec.addressMessage(true, 0, 1, v));
        }
        org.keepalived4j.vrrp.packet.ArpCodec.gratuitousArp(new byte[6], (Inet4Address) InetAddress.getByAddress(new byte[4]));
        loop.post(now -> router.startAll(now, r -> !InterfaceInfo.of(r.ifname()).map(InterfaceInfo::up).orElse(false)));
        threads.forEach(Thread::start);
        Thread t = new Thread(loop, "vrrp-loop");
        t.start();
        return t;
    }

    private final Map<String, Boolean> linkState = new HashMap<>();

    private void linkEvent(long now, String ifname, boolean up) {
        Boolean before = linkState.put(ifname, up);
        if (before != null && before == up) {
            return;
        }
        if (before == null && up) {
            return;   // first report of a link that is up: nothing changed
        }
        log.info("Netlink reports " + ifname + " " + (up ? "up" : "down"));
        announcer.invalidate(ifname);
        router.linkChanged(now, ifname, up);
    }

    private void read(LinuxVrrpSocket s) {
        byte[] buf = new byte[65536];
        while (running) {
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
            byte[] msg = java.util.Arrays.copyOfRange(buf, h.headerLength(), h.totalLength());
            ReceivedAdvert in = new ReceivedAdvert(s.ifname(), h.source(), h.destination(), h.ttl(), msg);
            loop.post(now -> router.receive(now, in));
        }
    }

    private void read6(org.keepalived4j.net.LinuxVrrpSocket6 s) {
        byte[] buf = new byte[65536];
        while (running) {
            org.keepalived4j.net.Syscalls.Datagram6 d;
            try {
                d = s.receive(buf);
                if (d == null || d.length() <= 0) {
                    continue;
                }
                byte[] msg = java.util.Arrays.copyOf(buf, d.length());
                ReceivedAdvert in = new ReceivedAdvert(s.ifname(), InetAddress.getByAddress(d.source()),
                        InetAddress.getByAddress(d.destination()), d.hopLimit(), msg);
                loop.post(now -> router.receive(now, in));
            } catch (IOException e) {
                if (running) {
                    log.info("VRRP receive on " + s.ifname() + " (IPv6) failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    /** Graceful stop (on the loop thread): masters send priority 0 and remove their addresses. */
    public void stopInstances(long now, boolean keepVips) {
        router.stopAll(now, keepVips);
    }

    @Override
    public void close() {
        running = false;
        if (linkMonitor != null) {
            linkMonitor.close();
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sockets.values().forEach(LinuxVrrpSocket::close);
        sockets6.values().forEach(org.keepalived4j.net.LinuxVrrpSocket6::close);
        vips.close();
        announcer.close();
    }
}
