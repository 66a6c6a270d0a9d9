package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.validate.ScriptSecurity;
import org.keepalived4j.net.InterfaceInfo;
import org.keepalived4j.net.LinuxAnnouncer;
import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.LinuxLinkMonitor;
import org.keepalived4j.net.LinuxVipManager;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.runtime.InstanceKey;
import org.keepalived4j.vrrp.runtime.InstanceRuntime;
import org.keepalived4j.vrrp.runtime.TrackedObjects;
import org.keepalived4j.vrrp.runtime.VrrpRouter;
import org.keepalived4j.vrrp.track.Tracked;
import org.keepalived4j.script.ProcessRunner;
import org.keepalived4j.script.ScriptUsers;

/**
 * The VRRP subsystem: the sockets ({@link VrrpSockets}), the link monitor and the router, all
 * feeding one {@link EventLoop} thread that owns every instance. Reloads run on that thread.
 */
public final class VrrpService implements AutoCloseable {
    /** Where an instance runs: its interface, the source of its adverts, its multicast group. */
    private record Placement(String ifname, InterfaceInfo info, InetAddress source, InetAddress group) {
    }

    private final DaemonLog log;
    private final VrrpRouter router = new VrrpRouter();
    private final VrrpSockets sockets;
    private final LinuxVipManager vips;
    private final LinuxAnnouncer announcer;
    private final EventLoop loop;
    private final Ports ports;
    private final ProcessRunner scriptRunner = new ProcessRunner("vrrp-scripts");
    private final TrackedObjects tracked;
    private final VrrpNotifier notifier;
    private final TrackScripts trackScripts;
    private final ScriptUsers scriptUsers;
    private final Map<String, VrrpScriptConfig> scriptConfigs = new HashMap<>();
    private final Map<String, ScriptAccess.Runnable> runnableScripts = new HashMap<>();
    private final TrackFiles trackFiles;
    private final NotifyFifoWriter fifos;
    private Map<String, TrackFileConfig> trackFileConfigs = Map.of();
    private final Map<String, Boolean> linkState = new HashMap<>();
    private LinuxLinkMonitor linkMonitor;
    private Thread linkThread;
    private Thread loopThread;
    private volatile Throwable crash;

    public VrrpService(DaemonLog log, org.keepalived4j.util.Ticker ticker) throws IOException {
        this.log = log;
        this.vips = new LinuxVipManager();
        this.announcer = new LinuxAnnouncer();
        this.loop = new EventLoop(ticker, router::nextDeadline, router::tick);
        this.sockets = new VrrpSockets(log, in -> loop.post(now -> router.receive(now, in)));
        this.tracked = new TrackedObjects(log);
        this.scriptUsers = ScriptUsers.system(log::info, scriptRunner.ourCredentials());
        this.fifos = new NotifyFifoWriter(log, scriptRunner, scriptUsers);
        this.notifier = new VrrpNotifier(log, scriptRunner, fifos);
        this.trackScripts = new TrackScripts(scriptRunner, loop, tracked, log);
        this.trackFiles = new TrackFiles(loop, tracked, log);
        this.ports = new Ports(sockets, vips, announcer, log, notifier);
    }

    public EventLoop loop() {
        return loop;
    }

    public VrrpRouter router() {
        return router;
    }

    /** Build the instances of a configuration; instances that cannot run are reported and skipped. */
    public void configure(KeepalivedConfig cfg) {
        scripts(cfg);
        trackFileConfigs = trackFiles.configure(cfg, false);
        for (VrrpInstanceConfig i : cfg.vrrpInstances()) {
            place(i, cfg, 5_000_000).map(p -> build(i, p)).ifPresent(r -> {
                router.add(r);
                tracked.add(r, trackedBy(r));
            });
        }
        tracked.retainScripts(tracked.trackedScripts());
    }

    /** Decide which vrrp_scripts may run and as whom, and who gets which notify scripts. */
    private void scripts(KeepalivedConfig cfg) {
        ScriptAccess access = new ScriptAccess(cfg.global(), scriptUsers, new ScriptSecurity(System.getenv("PATH")), log);
        Map<String, VrrpScriptConfig> before = new HashMap<>(scriptConfigs);
        scriptConfigs.clear();
        runnableScripts.clear();
        java.util.Set<String> used = new java.util.HashSet<>();
        cfg.vrrpInstances().forEach(i -> i.trackScripts().forEach(t -> used.add(t.name())));
        for (VrrpScriptConfig s : cfg.vrrpScripts()) {
            scriptConfigs.put(s.name(), s);
            if (used.contains(s.name())) {
                access.trackScript(s.name(), s.script()).ifPresent(a -> runnableScripts.put(s.name(), a));
            }
            VrrpScriptConfig old = before.get(s.name());
            tracked.script(s, old != null && sameScript(old, s));
        }
        notifier.configure(cfg, access);
        fifos.configure(cfg.global(), access);
    }

    private static boolean sameScript(VrrpScriptConfig a, VrrpScriptConfig b) {
        return a.script().args().equals(b.script().args()) && a.rise() == b.rise() && a.fall() == b.fall()
                && a.intervalMicros() == b.intervalMicros() && a.timeoutMicros() == b.timeoutMicros();
    }

    private List<Tracked> trackedBy(InstanceRuntime r) {
        return TrackedObjects.itemsOf(r.config(), r.ifname(), scriptConfigs, runnableScripts::containsKey,
                trackFileConfigs);
    }

    private InstanceRuntime build(VrrpInstanceConfig i, Placement p) {
        return new InstanceRuntime(i, p.ifname(), p.source(), p.group(), ports);
    }

    /**
     * Resolve an instance's interface, source address and group, and open its socket.
     *
     * @param waitLinkLocalMicros IPv6: how long to wait for the link-local address to leave DAD
     */
    private Optional<Placement> place(VrrpInstanceConfig i, KeepalivedConfig cfg, long waitLinkLocalMicros) {
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
        announcer.prime(info.get());
        try {
            return i.isIpv6() ? place6(i, cfg, info.get(), waitLinkLocalMicros) : place4(i, cfg, info.get());
        } catch (IOException e) {
            log.info("(" + i.name() + ") cannot use " + ifname + ": " + e.getMessage() + " - instance not started");
            return Optional.empty();
        }
    }

    private Optional<Placement> place4(VrrpInstanceConfig i, KeepalivedConfig cfg, InterfaceInfo info)
            throws IOException {
        InetAddress source = i.sourceAddress().isPresent() ? i.sourceAddress().get()
                : vips.primaryIpv4(info.index()).orElse(null);
        if (source == null) {
            log.info("(" + i.name() + ") interface " + info.name() + " has no IPv4 address - instance not started");
            return Optional.empty();
        }
        InetAddress group = cfg.global().vrrpMcastGroup4();
        sockets.open4(info.name(), info.index(), (Inet4Address) group);
        return Optional.of(new Placement(info.name(), info, source, group));
    }

    /** IPv6: the source is the interface's link-local address once duplicate address detection is over. */
    private Optional<Placement> place6(VrrpInstanceConfig i, KeepalivedConfig cfg, InterfaceInfo info, long waitMicros)
            throws IOException {
        InetAddress source = i.sourceAddress().orElse(null);
        long deadline = System.nanoTime() + waitMicros * 1000;
        while (source == null) {
            source = vips.addresses(LinuxConstants.AF_INET6).stream()
                    .filter(a -> a.ifindex() == info.index() && a.scope() == 253 && (a.flags() & 0x40) == 0)
                    .map(a -> a.address()).findFirst().orElse(null);
            if (source != null || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(100);   // start-up only: a fresh link-local address is tentative for ~2 s
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        if (source == null) {
            log.info("(" + i.name() + ") interface " + info.name()
                    + " has no usable IPv6 link-local address - instance not started");
            return Optional.empty();
        }
        InetAddress group = cfg.global().vrrpMcastGroup6();
        sockets.open6(info.name(), info.index(), (Inet6Address) group, (Inet6Address) source);
        return Optional.of(new Placement(info.name(), info, source, group));
    }

    /** Start readers, the link monitor and the instances, then the loop thread. */
    public void start() throws IOException {
        linkMonitor = new LinuxLinkMonitor((ifname, up) -> loop.post(now -> linkEvent(now, ifname, up)));
        linkThread = new Thread(linkMonitor, "link-monitor");
        linkThread.setDaemon(true);
        // Load the classes of a takeover (advert, address and announcement encoding) before one must be fast.
        for (InstanceRuntime r : router.instances()) {
            r.warmUp();
            r.config().virtualIpAddresses().forEach(v -> org.keepalived4j.net.RtnetlinkCodec.addressMessage(true, 0, 1, v));
        }
        org.keepalived4j.vrrp.packet.ArpCodec.gratuitousArp(new byte[6], (Inet4Address) InetAddress.getByAddress(new byte[4]));
        loop.post(now -> {
            router.instances().forEach(r -> tracked.start(now, r, VrrpService::linkUp));
            trackScripts.start(List.copyOf(scriptConfigs.values()), runnableScripts);
        });
        sockets.startReaders();
        linkThread.start();
        loopThread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {   // supervision: recorded, the supervisor decides what happens next
                crash = t;
            }
        }, "vrrp-loop");
        loopThread.start();
    }

    private static boolean linkUp(String ifname) {
        return InterfaceInfo.of(ifname).map(InterfaceInfo::up).orElse(false);
    }

    /** Wait for the loop thread to end; empty when it was shut down, the failure when it crashed. */
    public Optional<Throwable> awaitTermination() throws InterruptedException {
        loopThread.join();
        return Optional.ofNullable(crash);
    }

    private void linkEvent(long now, String ifname, boolean up) {
        Boolean before = linkState.put(ifname, up);
        if (before != null && before == up) {
            return;
        }
        if (before == null && up) {
            return;   // first report of a link that is up: nothing changed
        }
        if (tracked.tracksInterface(ifname)) {
            log.info("Netlink reports " + ifname + " " + (up ? "up" : "down"));
        }
        announcer.invalidate(ifname);
        tracked.linkChanged(now, ifname, up);
    }

    /**
     * Apply a reloaded configuration (loop thread). Instances are matched as keepalived matches
     * them ({@link InstanceKey}); matched ones keep their state and addresses, removed ones stop
     * as on SIGTERM, new ones start in BACKUP (init).
     */
    public void reload(long now, KeepalivedConfig next) {
        scripts(next);
        trackFileConfigs = trackFiles.configure(next, true);
        Map<InstanceKey, InstanceRuntime> old = new LinkedHashMap<>();
        router.instances().forEach(r -> old.put(r.key(), r));
        List<Runnable> apply = new ArrayList<>();
        List<InstanceRuntime> fresh = new ArrayList<>();
        for (VrrpInstanceConfig i : next.vrrpInstances()) {
            Optional<Placement> p = place(i, next, 0);
            if (p.isEmpty()) {
                continue;
            }
            InstanceRuntime matched = old.remove(InstanceKey.of(i, p.get().ifname(), p.get().source(), p.get().group()));
            if (matched != null) {
                apply.add(() -> {
                    tracked.remove(matched);
                    tracked.add(matched, TrackedObjects.itemsOf(i, matched.ifname(), scriptConfigs,
                            runnableScripts::containsKey, trackFileConfigs));
                    var v = tracked.verdict(matched, VrrpService::linkUp);
                    // keep advertising what we did; track() then logs a real change ("Changing effective priority")
                    boolean owner = matched.config().priority() == 255 || i.priority() == 255;
                    matched.reload(now, i, p.get().source(), owner ? v.effectivePriority() : matched.effectivePriority());
                    matched.track(now, v);
                });
            } else {
                fresh.add(build(i, p.get()));
            }
        }
        for (InstanceRuntime gone : old.values()) {   // first, so a VIP that moves is free for its new owner
            log.info("(" + gone.config().name() + ") removed from the configuration - stopping it");
            notifier.deleting(gone.config().name());
            gone.stop(now, false);
            router.remove(gone);
            tracked.remove(gone);
        }
        apply.forEach(Runnable::run);
        for (InstanceRuntime r : fresh) {
            r.warmUp();
            router.add(r);
            tracked.add(r, trackedBy(r));
            tracked.start(now, r, VrrpService::linkUp);
        }
        tracked.retainScripts(tracked.trackedScripts());
        trackScripts.start(List.copyOf(scriptConfigs.values()), runnableScripts);
        Set<String> used4 = new HashSet<>();
        Set<String> used6 = new HashSet<>();
        router.instances().forEach(r -> (r.config().isIpv6() ? used6 : used4).add(r.ifname()));
        sockets.retainOnly(used4, used6);
        sockets.startReaders();
    }

    /** Graceful stop (on the loop thread): masters send priority 0 and remove their addresses. */
    public void stopInstances(long now, boolean keepVips) {
        router.stopAll(now, keepVips);
    }

    @Override
    public void close() {
        trackScripts.close();
        trackFiles.close();
        notifier.drain(5_000);     // stop notifications: keepalived waits for its children before exiting
        fifos.close();
        scriptRunner.close();
        if (linkMonitor != null) {
            linkMonitor.close();
        }
        if (linkThread != null) {
            try {
                linkThread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sockets.close();
        vips.close();
        announcer.close();
    }
}
