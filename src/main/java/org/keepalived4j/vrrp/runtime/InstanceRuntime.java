package org.keepalived4j.vrrp.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.UnicastPeer;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.fsm.Action;
import org.keepalived4j.vrrp.fsm.VrrpFsm;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.packet.AhCodec;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.track.InstanceTracking;
import org.keepalived4j.vrrp.track.TrackMessages;

/**
 * One running VRRP instance: its state machine, the checks keepalived applies to received
 * adverts (vrrp_check_packet(), same order and messages), and the execution of the machine's
 * actions through the ports. Event-loop thread only.
 */
public final class InstanceRuntime {

    private VrrpInstanceConfig cfg;
    private final VrrpFsm fsm;
    private final String ifname;
    /** Where the VIPs without a {@code dev} go and are announced: the VMAC, else {@link #ifname}. */
    private final String vipIfname;
    /** The interfaces that must be up for the instance to leave FAULT (its own; base and VMAC with use_vmac). */
    private final List<String> links;
    private final InetAddress group;
    private InetAddress source;
    private List<InetAddress> destinations;
    private final Ports ports;
    private final InstanceStats stats = new InstanceStats();
    private final ReceiveChecks checks;
    private final AhSequence ahSequence = new AhSequence();   // kept across reloads, as keepalived does
    private final AhAdverts ahAdverts = new AhAdverts(ahSequence);
    private byte[] authData;
    private long lastTransitionMicros;
    private InetAddress lastAdvertSource;
    private int lastAdvertPriority;
    private final MasterAddresses addresses;
    private boolean quietFault;     // FAULT while an unweighted script has not reported: nothing notified yet
    private SyncGroupRuntime syncGroup;  // the vrrp_sync_group this instance is a member of, or null
    private boolean notified;        // keepalived's notifies_sent

    public InstanceRuntime(VrrpInstanceConfig cfg, String ifname, InetAddress source, InetAddress group, Ports ports) {
        this(cfg, ifname, ifname, List.of(ifname), source, group, ports);
    }

    /**
     * @param ifname    the interface adverts are sent and received on
     * @param vipIfname the interface the VIPs go on (use_vmac: the VMAC, also with vmac_xmit_base)
     * @param links     the interfaces whose state the instance follows (any down: FAULT)
     */
    public InstanceRuntime(VrrpInstanceConfig cfg, String ifname, String vipIfname, List<String> links,
                           InetAddress source, InetAddress group, Ports ports) {
        this.cfg = cfg;
        this.ifname = ifname;
        this.vipIfname = vipIfname;
        this.links = List.copyOf(links);
        this.group = group;
        this.source = source;
        this.ports = ports;
        this.destinations = destinations(cfg, group);
        this.authData = authData(cfg);
        this.fsm = new VrrpFsm(params(cfg, source));
        this.fsm.setMasterGate(() -> syncGroup == null || syncGroup.mayBecomeMaster(this));
        this.checks = new ReceiveChecks(stats, ports.log(), ahSequence);
        this.addresses = new MasterAddresses(ports, ifname, vipIfname, new RouteRuleSet(ports.routes(), ports.log(),
                "(" + cfg.name() + ") ", cfg.virtualRoutes(), cfg.virtualRules()));
    }

    private static List<InetAddress> destinations(VrrpInstanceConfig cfg, InetAddress group) {
        return cfg.isUnicast() ? cfg.unicastPeers().stream().map(UnicastPeer::address).toList()
                : List.of(cfg.mcastDestination().orElse(group));
    }

    private static VrrpFsm.Params params(VrrpInstanceConfig cfg, InetAddress source) {
        return new VrrpFsm.Params(cfg.name(), cfg.version(), cfg.priority(), cfg.advertIntMicros(), source,
                cfg.initialState() == org.keepalived4j.config.model.VrrpState.MASTER, cfg.nopreempt(),
                cfg.preemptDelayMicros(), cfg.lowerPrioNoAdvert(), cfg.higherPrioSendAdvert(), 3);
    }

    /** VRRPv2 over IPv4 with {@code auth_type AH} (the configuration drops AH for v3 and IPv6, as keepalived). */
    static boolean usesAh(VrrpInstanceConfig cfg) {
        return cfg.version() == 2 && !cfg.isIpv6()
                && cfg.authentication().filter(a -> a.type() == Authentication.Type.AH).isPresent();
    }

    /**
     * The IP protocol of this instance's adverts: 51 (AH) with AH authentication, else 112.
     * keepalived opens one socket per protocol, so an instance only ever sees its own kind.
     */
    public static int ipProtocol(VrrpInstanceConfig cfg) {
        return usesAh(cfg) ? AhCodec.IPPROTO_AH : VrrpPacket.IPPROTO_VRRP;
    }

    public int ipProtocol() {
        return ipProtocol(cfg);
    }

    private static byte[] authData(VrrpInstanceConfig cfg) {
        byte[] a = new byte[8];
        cfg.authentication().filter(x -> x.type() == Authentication.Type.PASS)
                .ifPresent(x -> {
                    byte[] p = x.password().getBytes(StandardCharsets.ISO_8859_1);
                    System.arraycopy(p, 0, a, 0, Math.min(8, p.length));
                });
        return a;
    }

    /**
     * A reload matched this instance to {@code next} (same VRID, family, interface, ...): keep the
     * state, the counters and the addresses that stay; as MASTER remove the addresses no longer
     * configured, add (and announce) the new ones, and advertise at once with the new settings.
     * virtual_routes / virtual_rules are diffed first, as keepalived's clear_diff_vrrp() does: the
     * ones no longer configured are removed (by any instance state: only installed ones are), and a
     * MASTER then adds the new ones, after its addresses (restore_vrrp_state()).
     */
    public void reload(long now, VrrpInstanceConfig next, InetAddress nextSource) {
        reload(now, next, nextSource, next.priority());
    }

    /** As {@link #reload(long, VrrpInstanceConfig, InetAddress)}, advertising {@code effectivePriority}. */
    public void reload(long now, VrrpInstanceConfig next, InetAddress nextSource, int effectivePriority) {
        VrrpInstanceConfig before = cfg;
        cfg = next;
        source = nextSource;
        destinations = destinations(next, group);
        authData = authData(next);
        addresses.reload(before, next, fsm.state() == VrrpState.MASTER);
        VrrpFsm.Params p = params(next, nextSource);
        int prio = p.priority() == 255 ? 255 : effectivePriority;
        run(now, fsm.reload(now, new VrrpFsm.Params(p.name(), p.version(), prio, p.advertIntMicros(), p.ownAddress(),
                p.startAsMaster(), p.nopreempt(), p.preemptDelayMicros(), p.lowerPrioNoAdvert(),
                p.higherPrioSendAdvert(), p.downTimerAdverts())));
    }

    /** Identity across reloads. */
    public InstanceKey key() {
        return InstanceKey.of(cfg, ifname, source, group);
    }

    /** The source address adverts carry (the interface's primary address unless configured). */
    public InetAddress source() {
        return source;
    }

    /** When the state last changed (µs on the daemon's clock), 0 before the first change. */
    public long lastTransitionMicros() {
        return lastTransitionMicros;
    }

    /** Source and priority of the last accepted advert (keepalived's master_saddr / master_priority). */
    public InetAddress lastAdvertSource() {
        return lastAdvertSource;
    }

    public int lastAdvertPriority() {
        return lastAdvertPriority;
    }

    public long masterAdverIntMicros() {
        return fsm.masterAdverIntMicros();
    }

    public VrrpInstanceConfig config() {
        return cfg;
    }

    public String ifname() {
        return ifname;
    }

    /** The interface the VIPs go on (the VMAC with use_vmac). */
    public String vipIfname() {
        return vipIfname;
    }

    /** The interfaces whose link state the instance follows. */
    public List<String> links() {
        return links;
    }

    public VrrpState state() {
        return fsm.state();
    }

    /** keepalived's wantstate == MASTER (a MASTER, or a BACKUP held back by its sync group). */
    public boolean wantsMaster() {
        return fsm.wantsMaster();
    }

    /** Join a sync group ({@code null}: run independently). */
    void joinGroup(SyncGroupRuntime g) {
        this.syncGroup = g;
    }

    /** The sync group this instance is a member of, or null. */
    public SyncGroupRuntime group() {
        return syncGroup;
    }

    /** Whether a state notification has been sent (keepalived's notifies_sent). */
    boolean notifiedOnce() {
        return notified;
    }

    /**
     * Start in FAULT, unnotified and without a line, while another member of the group waits for
     * a script's first result (vrrp_init_state(): the state is still INIT when it would log).
     */
    void startHeldByGroup(long now, InstanceTracking.Verdict v) {
        changePriority(now, v.effectivePriority(), false);
        quietFault = true;
        run(now, fsm.startPending(now));
    }

    /** The sync group moves this member (vrrp_sync_master/backup/fault()). */
    void forceTo(long now, VrrpState to) {
        switch (to) {
            case MASTER -> run(now, fsm.forceMaster(now));
            case BACKUP -> run(now, fsm.forceBackup(now));
            case FAULT -> run(now, fsm.forceFault(now));
            default -> {
            }
        }
    }

    public InstanceStats stats() {
        return stats;
    }

    public long nextDeadline() {
        return Math.min(fsm.nextDeadline(), addresses.nextDeadline());
    }

    /**
     * Run the pure parts of a takeover once (encode an advert, build the address and announcement
     * messages) so their classes are loaded before a takeover has to happen fast.
     */
    public void warmUp() {
        for (InetAddress dst : destinations) {
            byte[] m = encode(fsm.params().priority(), dst);
            if (usesAh(cfg)) {
                AhAdverts.warmUp(cfg, source, dst, m);
            }
        }
    }

    public void start(long now, boolean faulted) {
        run(now, fsm.start(now, faulted));
    }

    /**
     * Start with what the tracked objects say (keepalived's initialise_tracking_priorities() and
     * vrrp_init_state()): the effective priority first, then FAULT when an object faults it,
     * FAULT without notification while an unweighted script has not reported, else BACKUP (init).
     */
    public void start(long now, InstanceTracking.Verdict v) {
        changePriority(now, v.effectivePriority(), false);
        if (v.faulted()) {
            run(now, fsm.start(now, true));
        } else if (v.pending()) {
            quietFault = true;
            run(now, fsm.startPending(now));
        } else {
            run(now, fsm.start(now, false));
        }
    }

    /** The tracked objects changed their verdict: new priority, FAULT, or back from FAULT. */
    public void track(long now, InstanceTracking.Verdict v) {
        track(now, v, false);
    }

    /** As {@link #track(long, InstanceTracking.Verdict)}; {@code quietPriority}: no "Changing effective priority" line. */
    public void track(long now, InstanceTracking.Verdict v, boolean quietPriority) {
        changePriority(now, v.effectivePriority(), quietPriority);
        if (syncGroup != null) {
            syncGroup.ownVerdict(this, v);
        }
        if (v.faulted()) {
            if (fsm.state() != VrrpState.FAULT) {
                run(now, fsm.fault(now));
            } else if (quietFault) {
                // keepalived's vrrp_state_leave_fault() FAULT -> FAULT: no line, but the notification
                quietFault = false;
                notifyState(VrrpState.FAULT, VrrpState.FAULT);
            }
            if (syncGroup != null) {
                syncGroup.memberFaulted(now, this);    // down_instance(): vrrp_sync_fault()
            }
        } else if (v.up() && fsm.state() == VrrpState.FAULT && (syncGroup == null || syncGroup.mayLeaveFault(this))) {
            run(now, fsm.faultCleared(now));
        }
    }

    private void changePriority(long now, int priority, boolean quiet) {
        int was = fsm.params().priority();
        if (priority != was && was != 255) {
            if (!quiet) {
                ports.log().info(TrackMessages.changingEffectivePriority(cfg.name(), was, priority));
            }
            run(now, fsm.setPriority(now, priority));
        }
    }

    /** The priority adverts carry now (keepalived's effective_priority). */
    public int effectivePriority() {
        return fsm.params().priority();
    }

    public void tick(long now) {
        addresses.tick(now, cfg, fsm.state() == VrrpState.MASTER);
        if (now >= fsm.nextDeadline()) {
            run(now, fsm.timerExpired(now));
        }
    }

    public void stop(long now, boolean keepVips) {
        run(now, fsm.stop(now, keepVips));
    }

    public void fault(long now) {
        run(now, fsm.fault(now));
    }

    public void faultCleared(long now) {
        run(now, fsm.faultCleared(now));
    }

    /** An advert addressed to our VRID arrived: check it as keepalived does, then feed the machine. */
    public void receive(long now, ReceivedAdvert in) {
        if (fsm.state() == VrrpState.FAULT || fsm.state() == VrrpState.INIT) {
            return;
        }
        boolean wasMaster = fsm.state() == VrrpState.MASTER;
        boolean backup = fsm.state() == VrrpState.BACKUP;
        // vrrp_state_backup(): skip_check_adv_addr spares only adverts from the master already followed
        boolean checkVipAddr = !(backup && cfg.skipCheckAdvAddr() && in.src().equals(lastAdvertSource));
        VrrpPacket pkt = checks.accept(in, cfg, authData, destinations, backup, checkVipAddr);
        if (pkt == null) {
            return;
        }
        stats.advertsReceived++;
        lastAdvertSource = in.src();
        lastAdvertPriority = pkt.priority();
        if (pkt.priority() == 0) {
            stats.priorityZeroReceived++;
        }
        List<Action> actions = fsm.advertReceived(now, new VrrpFsm.Advert(in.src(), pkt.priority(),
                pkt.advertIntervalMicros()));
        if (wasMaster && usesAh(cfg)) {
            runMasterAh(now, in, pkt.priority(), actions);
        } else {
            run(now, actions);
        }
    }

    /**
     * keepalived's vrrp_state_master_rx() with AH: after a lower priority advert the master
     * continues from that advert's sequence number plus one (logged after "Received advert ...
     * with lower priority", before the answer is sent); a higher one clears the cycled mark.
     */
    private void runMasterAh(long now, ReceivedAdvert in, int priority, List<Action> actions) {
        int ours = fsm.params().priority();
        if (AhAdverts.lower(priority, ours, in.src(), source)) {
            int at = 0;
            while (at < actions.size() && !(actions.get(at) instanceof Action.SendAdvert)) {
                at++;
            }
            run(now, actions.subList(0, at));
            ports.log().info(AhMessages.syncingSequence(cfg.name()));
            ahSequence.syncFromLowerPriority(in.ah().sequence());
            run(now, actions.subList(at, actions.size()));
            return;
        }
        if (AhAdverts.higher(priority, ours, in.src(), source)) {
            ahSequence.higherPriorityHeard();
        }
        run(now, actions);
    }

    private void run(long now, List<Action> actions) {
        if (usesAh(cfg) && actions.stream().anyMatch(a -> a instanceof Action.StateChange c && c.to() == VrrpState.MASTER)) {
            ahSequence.becomingMaster();   // vrrp_state_goto_master(): before the first advert as master
        }
        boolean firewallSet = false;
        Action.StateChange changed = null;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            boolean addNext = i + 1 < actions.size() && actions.get(i + 1) instanceof Action.AddVips;
            if (!firewallSet && (addNext || a instanceof Action.AddVips)) {
                // vrrp_state_become_master(): the firewall drop rule is set before "setting VIPs."
                addresses.firewallBecomeMaster(cfg);
                firewallSet = true;
            }
            if (a instanceof Action.SendAdvert s) {
                sendAdvert(s.priority());
            } else if (a instanceof Action.AddVips) {
                addresses.becomeMaster(now, cfg);
                firewallSet = false;
            } else if (a instanceof Action.RemoveVips) {
                addresses.leaveMaster(cfg);
            } else if (a instanceof Action.StateChange c) {
                stateChange(now, c);
                changed = c;
            } else if (a instanceof Action.Log l) {
                if (l.detail()) {
                    ports.log().detail(l.line());
                } else {
                    ports.log().info(l.line());
                }
            }
        }
        if (changed != null && syncGroup != null) {
            syncGroup.transitioned(now, this, changed.from(), changed.to());   // VRRP_TSM_HANDLE()
        }
    }

    private void stateChange(long now, Action.StateChange c) {
        quietFault = false;
        checks.stateChanged();
        lastTransitionMicros = now;
        if (c.to() == VrrpState.MASTER) {
            stats.becameMaster++;
        }
        if (c.from() == VrrpState.MASTER) {
            stats.releasedMaster++;
        }
        notifyState(c.from(), c.to());
    }

    /** send_instance_notifies(): a sync group member that only follows its group is not notified again. */
    private void notifyState(VrrpState from, VrrpState to) {
        if (syncGroup != null && !syncGroup.notifies(this, to)) {
            return;
        }
        notified = true;
        ports.stateListener().stateChanged(cfg.name(), from, to, fsm.params().priority());
    }

    /** The advert as this instance sends it now. */
    byte[] encode(int priority, InetAddress dst) {
        int interval = cfg.version() == 2 ? (int) (cfg.advertIntMicros() / 1_000_000) : (int) (cfg.advertIntMicros() / 10_000);
        int authType = cfg.version() == 2 ? cfg.authentication().map(x -> x.type() == Authentication.Type.PASS
                ? VrrpPacket.AUTH_PASS : VrrpPacket.AUTH_AH).orElse(VrrpPacket.AUTH_NONE) : 0;
        VrrpPacket pkt = new VrrpPacket(cfg.version(), cfg.vrid(), priority, authType, interval,
                cfg.virtualIpAddresses().stream().map(VipAddress::address).toList(),
                cfg.version() == 2 && !cfg.isIpv6() ? authData : new byte[0]);
        return VrrpCodec.encode(pkt, source, dst, false);
    }

    private int ttl() {
        return cfg.isUnicast() ? cfg.unicastTtl() : 255;
    }

    /** One advert to every destination; with AH one round of whole datagrams (one sequence number). */
    private void sendAdvert(int priority) {
        List<byte[]> ah = usesAh(cfg) ? ahAdverts.round(cfg, source, destinations, ttl(), d -> encode(priority, d)) : null;
        for (int i = 0; i < destinations.size(); i++) {
            InetAddress dst = destinations.get(i);
            try {
                if (ah != null) {
                    ports.adverts().sendIpv4(ifname, (java.net.Inet4Address) dst, ah.get(i));
                } else {
                    ports.adverts().send(ifname, source, dst, encode(priority, dst), ttl());
                }
                stats.advertsSent++;
                if (priority == 0) {
                    stats.priorityZeroSent++;
                }
            } catch (IOException e) {
                ports.log().info("(" + cfg.name() + ") failed to send advert to " + dst.getHostAddress() + ": "
                        + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return cfg.name() + " " + fsm.state() + " vrid " + cfg.vrid() + " on " + ifname + " from "
                + source.getHostAddress() + " to " + destinations.stream().map(InetAddress::getHostAddress)
                .collect(Collectors.joining(",")) + " prio " + cfg.priority();
    }
}
