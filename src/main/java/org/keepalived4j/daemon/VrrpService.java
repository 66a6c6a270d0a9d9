package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.daemon.InstancePlacer.Placement;
import org.keepalived4j.net.LinuxAnnouncer;
import org.keepalived4j.net.LinuxLinkMonitor;
import org.keepalived4j.net.LinuxVipManager;
import org.keepalived4j.net.nft.LinuxNftables;
import org.keepalived4j.net.route.LinuxRoutePort;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.runtime.InstanceKey;
import org.keepalived4j.vrrp.runtime.InstanceRuntime;
import org.keepalived4j.vrrp.runtime.StaticEntries;
import org.keepalived4j.vrrp.runtime.TrackedObjects;
import org.keepalived4j.vrrp.runtime.VrrpRouter;
import org.keepalived4j.vrrp.track.Tracked;
import org.keepalived4j.script.ProcessRunner;
import org.keepalived4j.script.ScriptUsers;

/**
 * The VRRP subsystem: the sockets ({@link VrrpSockets}, opened as instances are placed:
 * {@link InstancePlacer}), the link monitor ({@link LinkEvents}) and the router, all feeding one
 * {@link EventLoop} thread that owns every instance. Reloads run on that thread.
 */
public final class VrrpService implements AutoCloseable {
    /** The instances of a reload: matched ones to update, new ones to start, the VMAC names in use. */
    private record Matching(List<Runnable> apply, List<InstanceRuntime> kept, List<InstanceRuntime> fresh,
                            Set<String> claimed) {
    }

    private final DaemonLog log;
    private final VrrpRouter router = new VrrpRouter();
    private final VrrpSockets sockets;
    private final LinuxVipManager vips;
    private final LinuxRoutePort routes;
    private final LinuxAnnouncer announcer;
    private final VmacManager vmacs;
    private final org.keepalived4j.net.LinuxLinks links;
    private final LinuxNftables firewall;
    private final EventLoop loop;
    private final Ports ports;
    /** static_ipaddress / static_routes / static_rules of the configuration in force. */
    private StaticEntries statics;
    private final ProcessRunner scriptRunner = new ProcessRunner("vrrp-scripts");
    private final TrackedObjects tracked;
    private final VrrpNotifier notifier;
    private final TrackScripts trackScripts;
    private final VrrpScripts scripts;
    private final TrackFiles trackFiles;
    private final NotifyFifoWriter fifos;
    private Map<String, TrackFileConfig> trackFileConfigs = Map.of();
    private final InstancePlacer placer;
    private final LinkEvents linkEvents;
    private org.keepalived4j.vrrp.runtime.SyncGroups syncGroups;
    private final GroupTracking groupTracking;
    private LinuxLinkMonitor linkMonitor;
    /** The configuration the instances run (for the multicast groups when a VMAC is made again). */
    private KeepalivedConfig running;
    private Thread linkThread;
    private Thread loopThread;
    private volatile Throwable crash;

    public VrrpService(DaemonLog log, org.keepalived4j.util.Ticker ticker) throws IOException {
        this.log = log;
        this.vips = new LinuxVipManager();
        this.routes = new LinuxRoutePort(log);
        this.announcer = new LinuxAnnouncer();
        this.links = new org.keepalived4j.net.LinuxLinks();
        this.vmacs = new VmacManager(log, links, new org.keepalived4j.net.Sysctl());
        this.firewall = new LinuxNftables(log);
        this.loop = new EventLoop(ticker, router::nextDeadline, router::tick);
        this.sockets = new VrrpSockets(log, ticker, (at, in) -> loop.postAt(at, now -> router.receive(now, in)));
        this.tracked = new TrackedObjects(log);
        ScriptUsers scriptUsers = ScriptUsers.system(log::info, scriptRunner.ourCredentials());
        this.fifos = new NotifyFifoWriter(log, scriptRunner, scriptUsers);
        this.notifier = new VrrpNotifier(log, scriptRunner, fifos);
        this.trackScripts = new TrackScripts(scriptRunner, loop, tracked, log);
        this.scripts = new VrrpScripts(log, scriptUsers, tracked, notifier, fifos);
        this.trackFiles = new TrackFiles(loop, tracked, log);
        this.ports = new Ports(sockets, vips, announcer, log, notifier, routes, firewall);
        this.syncGroups = new org.keepalived4j.vrrp.runtime.SyncGroups(List.of(), List.of(), log, notifier);
        this.groupTracking = new GroupTracking(log, notifier);
        this.placer = new InstancePlacer(log, sockets, vips, announcer, vmacs);
        this.linkEvents = new LinkEvents(log, vmacs, announcer, tracked, router, placer, () -> running);
    }

    /** The running sync groups. */
    public org.keepalived4j.vrrp.runtime.SyncGroups syncGroups() {
        return syncGroups;
    }

    public EventLoop loop() {
        return loop;
    }

    public VrrpRouter router() {
        return router;
    }

    /** Build the instances of a configuration; instances that cannot run are reported and skipped. */
    public void configure(KeepalivedConfig cfg) {
        firewallFor(cfg);
        statics = new StaticEntries(vips, routes, log, cfg);
        running = cfg;
        scripts.configure(cfg);
        trackFileConfigs = trackFiles.configure(cfg, false);
        Set<String> claimed = new HashSet<>();
        for (VrrpInstanceConfig i : cfg.vrrpInstances()) {
            placer.place(i, cfg, 5_000_000, claimed).map(p -> build(i, p)).ifPresent(r -> {
                router.add(r);
                tracked.add(r, trackedBy(r));
            });
        }
        tracked.retainScripts(tracked.trackedScripts());
        syncGroups = newGroups(cfg, router.instances());
    }

    private org.keepalived4j.vrrp.runtime.SyncGroups newGroups(KeepalivedConfig cfg, List<InstanceRuntime> instances) {
        return groupTracking.groups(cfg, instances, trackers());
    }

    private GroupTracking.Trackers trackers() {
        return scripts.trackers(trackFileConfigs);
    }

    /**
     * vrrp_complete_instance(): an instance without accept mode needs the firewall; without an
     * {@code nftables} keyword keepalived then says so and uses its default table.
     */
    private void firewallFor(KeepalivedConfig cfg) {
        firewall.configure(cfg.global().nftables());
        if (cfg.global().nftables().table().isEmpty() && cfg.vrrpInstances().stream().anyMatch(i -> !i.accept())) {
            log.info("use_vmac or no_accept/strict specified, but no firewall configured - using nftables");
        }
        for (VrrpInstanceConfig i : cfg.vrrpInstances()) {
            // vrrp_complete_instance(): strict mode makes this a config error, else a log line
            if (i.isIpv6() && !i.isUnicast() && !i.strictMode()
                    && !i.virtualIpAddresses().get(0).address().isLinkLocalAddress()) {
                log.info("(" + i.name() + ") the first IPv6 VIP address should be link local");
            }
        }
    }

    private List<Tracked> trackedBy(InstanceRuntime r) {
        return itemsFor(r.config(), r.links());
    }

    /** What an instance tracks; a sync group member as keepalived makes it (lines logged here). */
    private List<Tracked> itemsFor(VrrpInstanceConfig i, List<String> ownLinks) {
        return groupTracking.itemsFor(running, i, ownLinks, trackers());
    }

    private InstanceRuntime build(VrrpInstanceConfig i, Placement p) {
        return new InstanceRuntime(i, p.ifname(), p.vipIfname(), p.links(), p.source(), p.group(), ports);
    }

    /** Start readers, the link monitor and the instances, then the loop thread. */
    public void start() throws IOException {
        linkMonitor = new LinuxLinkMonitor((ifname, up) -> loop.post(now -> linkEvents.linkEvent(now, ifname, up)));
        linkThread = new Thread(linkMonitor, "link-monitor");
        linkThread.setDaemon(true);
        // Load the classes of a takeover (advert, address and announcement encoding) before one must be fast.
        for (InstanceRuntime r : router.instances()) {
            r.warmUp();
            r.config().virtualIpAddresses().forEach(v -> org.keepalived4j.net.RtnetlinkCodec.addressMessage(true, 0, 1, v));
            r.config().virtualRoutes().forEach(v -> org.keepalived4j.net.route.RouteCodec.encode(v,
                    org.keepalived4j.net.route.RouteCodec.Op.ADD, 0, name -> 1));
            r.config().virtualRules().forEach(v -> org.keepalived4j.net.route.RuleCodec.encode(v, true, 0));
        }
        org.keepalived4j.vrrp.packet.ArpCodec.gratuitousArp(new byte[6], (Inet4Address) InetAddress.getByAddress(new byte[4]));
        loop.post(now -> {
            statics.start();     // keepalived sets static entries before its instances run
            syncGroups.start(now, router.instances(), tracked, LinkEvents::linkUp, log);
            scripts.startTracking(trackScripts);
        });
        sockets.startReaders();
        linkThread.start();
        loopThread = new Thread(() -> {
            try {
                loopTimerSlack();
                loop.run();
            } catch (Throwable t) {   // supervision: recorded, the supervisor decides what happens next
                crash = t;
            }
        }, "vrrp-loop");
        loopThread.start();
    }

    /**
     * The VRRP timers (Master_Down, Skew_Time: a takeover's start) end within 1 µs of their
     * deadline instead of the kernel's default slack of 50 µs.
     */
    private void loopTimerSlack() {
        try {
            org.keepalived4j.net.Syscalls.setTimerSlack(LOOP_TIMER_SLACK_NANOS);
        } catch (org.keepalived4j.net.NativeException e) {
            log.info("VRRP timers keep the default timer slack: " + e.getMessage());
        }
    }

    static final long LOOP_TIMER_SLACK_NANOS = 1_000;

    /** Wait for the loop thread to end; empty when it was shut down, the failure when it crashed. */
    public Optional<Throwable> awaitTermination() throws InterruptedException {
        loopThread.join();
        return Optional.ofNullable(crash);
    }

    /**
     * Apply a reloaded configuration (loop thread). Instances are matched as keepalived matches
     * them ({@link InstanceKey}); matched ones keep their state and addresses, removed ones stop
     * as on SIGTERM, new ones start in BACKUP (init).
     */
    public void reload(long now, KeepalivedConfig next) {
        firewallFor(next);
        statics.reload(next);    // keepalived: clear_diff_static_rules/routes/addresses() before the instances
        running = next;
        scripts.configure(next);
        trackFileConfigs = trackFiles.configure(next, true);
        Map<InstanceKey, InstanceRuntime> old = new LinkedHashMap<>();
        router.instances().forEach(r -> old.put(r.key(), r));
        Matching m = match(now, next, old);
        for (InstanceRuntime gone : old.values()) {   // first, so a VIP that moves is free for its new owner
            removeInstance(now, gone);
        }
        Map<String, VrrpState> groupsBefore = regroup(next, m);
        m.apply().forEach(Runnable::run);
        vmacs.retainOnly(m.claimed());   // VMACs of removed instances, or of instances that dropped use_vmac
        for (InstanceRuntime r : m.fresh()) {
            r.warmUp();
            router.add(r);
            tracked.add(r, trackedBy(r));
            tracked.start(now, r, LinkEvents::linkUp);
        }
        syncGroups.settle(now, groupsBefore, tracked, LinkEvents::linkUp);
        tracked.retainScripts(tracked.trackedScripts());
        scripts.startTracking(trackScripts);
        placer.retainSockets(router.instances());
        placer.startReaders();
        statics.add();
    }

    /**
     * Place each instance of {@code next}: one that matches a running instance (taken out of
     * {@code old}) is kept and updated later, any other is built.
     */
    private Matching match(long now, KeepalivedConfig next, Map<InstanceKey, InstanceRuntime> old) {
        Matching m = new Matching(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new HashSet<>());
        for (VrrpInstanceConfig i : next.vrrpInstances()) {
            Optional<Placement> p = placer.place(i, next, 0, m.claimed());
            if (p.isEmpty()) {
                continue;
            }
            InstanceRuntime matched = old.remove(InstanceKey.of(i, p.get().ifname(), p.get().source(), p.get().group()));
            if (matched != null) {
                m.kept().add(matched);
                m.apply().add(() -> update(now, matched, i, p.get().source()));
            } else {
                m.fresh().add(build(i, p.get()));
            }
        }
        return m;
    }

    /** A kept instance takes its new configuration, with what it tracks now. */
    private void update(long now, InstanceRuntime matched, VrrpInstanceConfig i, InetAddress source) {
        tracked.remove(matched);
        tracked.add(matched, itemsFor(i, matched.links()));
        var v = tracked.verdict(matched, LinkEvents::linkUp);
        // keep advertising what we did; track() then logs a real change ("Changing effective priority")
        boolean owner = matched.config().priority() == 255 || i.priority() == 255;
        matched.reload(now, i, source, owner ? v.effectivePriority() : matched.effectivePriority());
        matched.track(now, v);
    }

    private void removeInstance(long now, InstanceRuntime gone) {
        log.info("(" + gone.config().name() + ") removed from the configuration - stopping it");
        notifier.deleting(gone.config().name());
        gone.stop(now, false);
        router.remove(gone);
        tracked.remove(gone);
    }

    /**
     * keepalived's vrrp_complete_init() on reload: groups are made again over the new instances,
     * starting from the state the group of that name had (set_previous_sync_group_states()).
     *
     * @return the states of the groups before
     */
    private Map<String, VrrpState> regroup(KeepalivedConfig next, Matching m) {
        org.keepalived4j.vrrp.runtime.SyncGroups oldGroups = syncGroups;
        Map<String, VrrpState> groupsBefore = oldGroups.states();
        oldGroups.dissolve();
        List<InstanceRuntime> members = new ArrayList<>(m.kept());
        members.addAll(m.fresh());
        syncGroups = newGroups(next, members);
        syncGroups.carryOver(oldGroups);
        return groupsBefore;
    }

    /**
     * SIGTERM: the loop stops the instances ({@link #stopInstances}) and ends. The task is built
     * with the service, so the stop does not link a lambda on its way to the priority-0 advert
     * (a first linkage took ~2 ms, interpreted, between the signal and the hand-off to the loop).
     * Only the first request counts: a second SIGTERM does not stop the instances twice. (A
     * monitor, not an AtomicBoolean: its first compareAndSet links a VarHandle, 0.3-0.9 ms
     * interpreted on the way to the priority-0 advert.)
     */
    public synchronized void requestStop(boolean keepVips) {
        if (!stopRequested) {
            stopRequested = true;
            keepVipsOnStop = keepVips;
            loop.post(stopTask);
        }
    }

    private boolean stopRequested;
    private volatile boolean keepVipsOnStop;
    private final EventLoop.Task stopTask = this::stopAndEnd;

    private void stopAndEnd(long now) {
        stopInstances(now, keepVipsOnStop);
        loop.shutdown();
    }

    /**
     * Graceful stop (on the loop thread): masters send priority 0 and remove their addresses and
     * virtual routes/rules; then the static routes, rules and addresses go.
     */
    public void stopInstances(long now, boolean keepVips) {
        router.stopAll(now, keepVips);
        syncGroups.stopped();     // notify_shutdown(): the groups after their instances
        if (statics != null) {
            statics.stop();      // keepalived removes static entries even with --dont-release-vrrp
        }
        if (!keepVips) {
            vmacs.removeAll();   // keepalived: shutdown_vrrp_instances(), skipped with --dont-release-vrrp
        }
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
        routes.close();
        links.close();
        announcer.close();
        firewall.close();   // firewall_fini(): the nftables tables go last
    }
}
