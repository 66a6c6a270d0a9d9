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
import org.keepalived4j.net.nft.LinuxNftables;
import org.keepalived4j.net.route.LinuxRoutePort;
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
 * The VRRP subsystem: the sockets ({@link VrrpSockets}), the link monitor and the router, all
 * feeding one {@link EventLoop} thread that owns every instance. Reloads run on that thread.
 */
public final class VrrpService implements AutoCloseable {
    /**
     * Where an instance runs: the interface of its adverts, the source of its adverts, its
     * multicast group, the interface of its VIPs and the interfaces it follows (use_vmac: the
     * VMAC carries the VIPs and, unless vmac_xmit_base, the adverts; base and VMAC are followed).
     */
    private record Placement(String ifname, InterfaceInfo info, InetAddress source, InetAddress group,
                             String vipIfname, List<String> links) {
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
    private final ScriptUsers scriptUsers;
    private final Map<String, VrrpScriptConfig> scriptConfigs = new HashMap<>();
    private final Map<String, ScriptAccess.Runnable> runnableScripts = new HashMap<>();
    private final TrackFiles trackFiles;
    private final NotifyFifoWriter fifos;
    private Map<String, TrackFileConfig> trackFileConfigs = Map.of();
    private final Map<String, Boolean> linkState = new HashMap<>();
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
        this.scriptUsers = ScriptUsers.system(log::info, scriptRunner.ourCredentials());
        this.fifos = new NotifyFifoWriter(log, scriptRunner, scriptUsers);
        this.notifier = new VrrpNotifier(log, scriptRunner, fifos);
        this.trackScripts = new TrackScripts(scriptRunner, loop, tracked, log);
        this.trackFiles = new TrackFiles(loop, tracked, log);
        this.ports = new Ports(sockets, vips, announcer, log, notifier, routes, firewall);
        this.syncGroups = new org.keepalived4j.vrrp.runtime.SyncGroups(List.of(), List.of(), log, notifier);
        this.groupTracking = new GroupTracking(log, notifier);
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
        scripts(cfg);
        trackFileConfigs = trackFiles.configure(cfg, false);
        Set<String> claimed = new HashSet<>();
        for (VrrpInstanceConfig i : cfg.vrrpInstances()) {
            place(i, cfg, 5_000_000, claimed).map(p -> build(i, p)).ifPresent(r -> {
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
        return new GroupTracking.Trackers(scriptConfigs, runnableScripts::containsKey, trackFileConfigs);
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

    /** Decide which vrrp_scripts may run and as whom, and who gets which notify scripts. */
    private void scripts(KeepalivedConfig cfg) {
        ScriptAccess access = new ScriptAccess(cfg.global(), scriptUsers, new ScriptSecurity(System.getenv("PATH")), log);
        Map<String, VrrpScriptConfig> before = new HashMap<>(scriptConfigs);
        scriptConfigs.clear();
        runnableScripts.clear();
        java.util.Set<String> used = new java.util.HashSet<>();
        cfg.vrrpInstances().forEach(i -> i.trackScripts().forEach(t -> used.add(t.name())));
        cfg.syncGroups().forEach(g -> g.trackScripts().forEach(t -> used.add(t.name())));
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
        return itemsFor(r.config(), r.links());
    }

    /** What an instance tracks; a sync group member as keepalived makes it (lines logged here). */
    private List<Tracked> itemsFor(VrrpInstanceConfig i, List<String> ownLinks) {
        return groupTracking.itemsFor(running, i, ownLinks, trackers());
    }

    private InstanceRuntime build(VrrpInstanceConfig i, Placement p) {
        return new InstanceRuntime(i, p.ifname(), p.vipIfname(), p.links(), p.source(), p.group(), ports);
    }

    /**
     * Resolve an instance's interface, source address and group, and open its socket.
     *
     * @param waitLinkLocalMicros IPv6: how long to wait for the link-local address to leave DAD
     * @param claimed VMAC names given to the instances placed before this one (this one's is added)
     */
    private Optional<Placement> place(VrrpInstanceConfig i, KeepalivedConfig cfg, long waitLinkLocalMicros,
                                      Set<String> claimed) {
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
            InterfaceInfo base = info.get();
            InterfaceInfo advert = base;
            String vipIfname = ifname;
            List<String> follows = List.of(ifname);
            if (i.vmac().isPresent()) {
                Optional<VmacManager.Vmac> vm = vmacs.ensure(i, base, claimed);
                if (vm.isEmpty()) {
                    log.info("(" + i.name() + ") no VMAC interface - instance not started");
                    return Optional.empty();
                }
                claimed.add(vm.get().name());
                InterfaceInfo vinfo = InterfaceInfo.of(vm.get().name())
                        .orElseThrow(() -> new IOException("VMAC " + vm.get().name() + " vanished"));
                announcer.prime(vinfo);
                vipIfname = vinfo.name();
                follows = List.of(ifname, vinfo.name());
                advert = i.vmac().get().xmitBase() ? base : vinfo;
            }
            Optional<Placement> p = i.isIpv6() ? place6(i, cfg, advert, waitLinkLocalMicros) : place4(i, cfg, base, advert);
            String v = vipIfname;
            List<String> f = follows;
            return p.map(x -> new Placement(x.ifname(), x.info(), x.source(), x.group(), v, f));
        } catch (IOException e) {
            log.info("(" + i.name() + ") cannot use " + ifname + ": " + e.getMessage() + " - instance not started");
            return Optional.empty();
        }
    }

    /** IPv4: the source is the base interface's primary address (also when adverts leave from a VMAC). */
    private Optional<Placement> place4(VrrpInstanceConfig i, KeepalivedConfig cfg, InterfaceInfo base,
                                       InterfaceInfo info) throws IOException {
        InetAddress source = i.sourceAddress().isPresent() ? i.sourceAddress().get()
                : vips.primaryIpv4(base.index()).orElse(null);
        if (source == null) {
            log.info("(" + i.name() + ") interface " + base.name() + " has no IPv4 address - instance not started");
            return Optional.empty();
        }
        InetAddress group = cfg.global().vrrpMcastGroup4();
        sockets.open4(info.name(), info.index(), (Inet4Address) group, InstanceRuntime.ipProtocol(i));
        return Optional.of(new Placement(info.name(), info, source, group, info.name(), List.of(info.name())));
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
        return Optional.of(new Placement(info.name(), info, source, group, info.name(), List.of(info.name())));
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
            r.config().virtualRoutes().forEach(v -> org.keepalived4j.net.route.RouteCodec.encode(v,
                    org.keepalived4j.net.route.RouteCodec.Op.ADD, 0, name -> 1));
            r.config().virtualRules().forEach(v -> org.keepalived4j.net.route.RuleCodec.encode(v, true, 0));
        }
        org.keepalived4j.vrrp.packet.ArpCodec.gratuitousArp(new byte[6], (Inet4Address) InetAddress.getByAddress(new byte[4]));
        loop.post(now -> {
            statics.start();     // keepalived sets static entries before its instances run
            syncGroups.start(now, router.instances(), tracked, VrrpService::linkUp, log);
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

    private void linkEvent(long now, String ifname, boolean reported) {
        // A VMAC's creation reports it down before it is up: take the kernel's current word for our VMACs.
        boolean up = vmacs.currentlyUp(ifname).orElse(reported);
        if (vmacs.deletedByUs(ifname)) {
            linkState.remove(ifname);
            return;
        }
        if (!up && vmacs.vanished(ifname)) {
            vmacDeleted(now, ifname);
            return;
        }
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
     * Someone deleted one of our VMACs: its instances go to FAULT (keepalived's
     * cleanup_lost_interface()), the VMAC is made again (recreate_vmac_thread()) with fresh VRRP
     * sockets; its "up" report then takes the instances back to BACKUP.
     */
    private void vmacDeleted(long now, String ifname) {
        log.info("Interface " + ifname + " deleted");
        linkState.put(ifname, false);
        announcer.invalidate(ifname);
        tracked.linkChanged(now, ifname, false);
        try {
            Optional<VmacManager.Vmac> vm = vmacs.recreate(ifname);
            if (vm.isEmpty()) {
                return;
            }
            Set<String> used4 = new HashSet<>();
            Set<String> used6 = new HashSet<>();
            router.instances().stream().filter(r -> !r.ifname().equals(ifname)).forEach(r -> {
                if (r.config().isIpv6()) {
                    used6.add(r.ifname());
                } else {
                    used4.add(VrrpSockets.key4(r.ifname(), r.ipProtocol()));
                }
            });
            sockets.retainOnly(used4, used6);   // the old socket was bound to the vanished interface
            for (InstanceRuntime r : router.instances()) {
                if (r.ifname().equals(ifname)) {
                    if (r.config().isIpv6()) {
                        sockets.open6(ifname, vm.get().index(), (Inet6Address) running.global().vrrpMcastGroup6(),
                                (Inet6Address) r.source());
                    } else {
                        sockets.open4(ifname, vm.get().index(), (Inet4Address) running.global().vrrpMcastGroup4(),
                                r.ipProtocol());
                    }
                }
            }
            sockets.startReaders();
        } catch (IOException e) {
            log.info("Re-creating VMAC interface " + ifname + " failed: " + e.getMessage());
        }
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
        scripts(next);
        trackFileConfigs = trackFiles.configure(next, true);
        Map<InstanceKey, InstanceRuntime> old = new LinkedHashMap<>();
        router.instances().forEach(r -> old.put(r.key(), r));
        List<Runnable> apply = new ArrayList<>();
        List<InstanceRuntime> fresh = new ArrayList<>();
        List<InstanceRuntime> kept = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (VrrpInstanceConfig i : next.vrrpInstances()) {
            Optional<Placement> p = place(i, next, 0, claimed);
            if (p.isEmpty()) {
                continue;
            }
            InstanceRuntime matched = old.remove(InstanceKey.of(i, p.get().ifname(), p.get().source(), p.get().group()));
            if (matched != null) {
                kept.add(matched);
                apply.add(() -> {
                    tracked.remove(matched);
                    tracked.add(matched, itemsFor(i, matched.links()));
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
        // keepalived's vrrp_complete_init() on reload: groups are made again over the new instances,
        // starting from the state the group of that name had (set_previous_sync_group_states())
        org.keepalived4j.vrrp.runtime.SyncGroups oldGroups = syncGroups;
        Map<String, org.keepalived4j.vrrp.fsm.VrrpState> groupsBefore = oldGroups.states();
        oldGroups.dissolve();
        List<InstanceRuntime> members = new ArrayList<>(kept);
        members.addAll(fresh);
        syncGroups = newGroups(next, members);
        syncGroups.carryOver(oldGroups);
        apply.forEach(Runnable::run);
        vmacs.retainOnly(claimed);   // VMACs of removed instances, or of instances that dropped use_vmac
        for (InstanceRuntime r : fresh) {
            r.warmUp();
            router.add(r);
            tracked.add(r, trackedBy(r));
            tracked.start(now, r, VrrpService::linkUp);
        }
        syncGroups.settle(now, groupsBefore, tracked, VrrpService::linkUp);
        tracked.retainScripts(tracked.trackedScripts());
        trackScripts.start(List.copyOf(scriptConfigs.values()), runnableScripts);
        Set<String> used4 = new HashSet<>();
        Set<String> used6 = new HashSet<>();
        router.instances().forEach(r -> {
            if (r.config().isIpv6()) {
                used6.add(r.ifname());
            } else {
                used4.add(VrrpSockets.key4(r.ifname(), r.ipProtocol()));
            }
        });
        sockets.retainOnly(used4, used6);
        sockets.startReaders();
        statics.add();
    }

    /**
     * SIGTERM: the loop stops the instances ({@link #stopInstances}) and ends. The task is built
     * with the service, so the stop does not link a lambda on its way to the priority-0 advert
     * (a first linkage took ~2 ms, interpreted, between the signal and the hand-off to the loop).
     */
    public void requestStop(boolean keepVips) {
        keepVipsOnStop = keepVips;
        loop.post(stopTask);
    }

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
