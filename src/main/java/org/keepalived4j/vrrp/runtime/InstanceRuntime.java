package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.fsm.Action;
import org.keepalived4j.vrrp.fsm.VrrpFsm;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.packet.AhCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.track.InstanceTracking;
import org.keepalived4j.vrrp.track.TrackMessages;

/**
 * One running VRRP instance: its state machine, the checks keepalived applies to received
 * adverts (vrrp_check_packet(), same order and messages: {@link ReceiveChecks}), and the
 * execution of the machine's actions through the ports ({@link ActionRunner}; the adverts
 * themselves: {@link AdvertSender}). Event-loop thread only.
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
    private final Ports ports;
    private final InstanceStats stats = new InstanceStats();
    private final ReceiveChecks checks;
    private final AhSequence ahSequence = new AhSequence();   // kept across reloads, as keepalived does
    private final AdvertSender adverts;
    private final ActionRunner runner;
    private InetAddress lastAdvertSource;
    private int lastAdvertPriority;
    private final MasterAddresses addresses;
    private SyncGroupRuntime syncGroup;  // the vrrp_sync_group this instance is a member of, or null

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
        this.ports = ports;
        this.adverts = new AdvertSender(cfg, ifname, source, group, ports, stats, ahSequence);
        this.fsm = new VrrpFsm(params(cfg, source));
        this.fsm.setMasterGate(() -> syncGroup == null || syncGroup.mayBecomeMaster(this));
        this.checks = new ReceiveChecks(stats, ports.log(), ahSequence);
        this.addresses = new MasterAddresses(ports, ifname, vipIfname, new RouteRuleSet(ports.routes(), ports.log(),
                "(" + cfg.name() + ") ", cfg.virtualRoutes(), cfg.virtualRules()));
        this.runner = new ActionRunner(this, ports, stats, checks, ahSequence, addresses, adverts);
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
        adverts.configure(next, nextSource);
        addresses.reload(before, next, fsm.state() == VrrpState.MASTER);
        VrrpFsm.Params p = params(next, nextSource);
        int prio = p.priority() == 255 ? 255 : effectivePriority;
        run(now, fsm.reload(now, new VrrpFsm.Params(p.name(), p.version(), prio, p.advertIntMicros(), p.ownAddress(),
                p.startAsMaster(), p.nopreempt(), p.preemptDelayMicros(), p.lowerPrioNoAdvert(),
                p.higherPrioSendAdvert(), p.downTimerAdverts())));
    }

    /** Identity across reloads. */
    public InstanceKey key() {
        return InstanceKey.of(cfg, ifname, adverts.source(), group);
    }

    /** The source address adverts carry (the interface's primary address unless configured). */
    public InetAddress source() {
        return adverts.source();
    }

    /** When the state last changed (µs on the daemon's clock), 0 before the first change. */
    public long lastTransitionMicros() {
        return runner.lastTransitionMicros();
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
        return runner.notifiedOnce();
    }

    /**
     * Start in FAULT, unnotified and without a line, while another member of the group waits for
     * a script's first result (vrrp_init_state(): the state is still INIT when it would log).
     */
    void startHeldByGroup(long now, InstanceTracking.Verdict v) {
        changePriority(now, v.effectivePriority(), false);
        runner.holdQuietFault();
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
        adverts.warmUp(fsm.params().priority());
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
            runner.holdQuietFault();
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
            } else {
                runner.endQuietFault();
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
        VrrpPacket pkt = checks.accept(in, cfg, adverts.authData(), adverts.destinations(), backup, checkVipAddr);
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
            runner.runMasterAh(now, in, pkt.priority(), actions);
        } else {
            run(now, actions);
        }
    }

    private void run(long now, List<Action> actions) {
        runner.run(now, actions);
    }

    @Override
    public String toString() {
        return cfg.name() + " " + fsm.state() + " vrid " + cfg.vrid() + " on " + ifname + " from "
                + source().getHostAddress() + " to " + adverts.destinations().stream().map(InetAddress::getHostAddress)
                .collect(Collectors.joining(",")) + " prio " + cfg.priority();
    }
}
