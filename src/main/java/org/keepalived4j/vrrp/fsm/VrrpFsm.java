package org.keepalived4j.vrrp.fsm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The VRRP state machine of one instance (RFC 5798 §6.4, with keepalived 2.2.7's choices:
 * every instance starts in BACKUP unless it is the address owner; a master that stops sends
 * priority 0; ties between masters are broken by the primary address). Pure: callers pass the
 * current time (microseconds, any monotonic origin) and carry out the returned actions in order.
 * The master's receive rules and the actions of taking and giving up mastership are listed by
 * {@link MasterRules}; this class owns the state and the timers. Not thread-safe: one event loop
 * owns it.
 */
public final class VrrpFsm {

    /** Never: no deadline armed. */
    public static final long NEVER = Long.MAX_VALUE;

    /**
     * What the machine needs from the configuration.
     *
     * @param name              instance name, for log lines
     * @param version           2 or 3
     * @param priority          1..255 (255 = owner)
     * @param advertIntMicros   own advertisement interval
     * @param ownAddress        the address our adverts carry as source (tie-break, RFC 5798 §6.4.3)
     * @param startAsMaster     configured {@code state MASTER}; only an owner (255) takes over at once
     * @param downTimerAdverts  keepalived's down_timer_adverts (3)
     */
    public record Params(String name, int version, int priority, long advertIntMicros, InetAddress ownAddress,
                         boolean startAsMaster, boolean nopreempt, long preemptDelayMicros, boolean lowerPrioNoAdvert,
                         boolean higherPrioSendAdvert, int downTimerAdverts) {
    }

    /** A valid received advertisement (already checked by the codec and the receive checks). */
    public record Advert(InetAddress source, int priority, long advertIntMicros) {
    }

    private Params p;
    private VrrpState state = VrrpState.INIT;
    private long masterAdverInt;
    private long downDeadline = NEVER;
    private long advertDeadline = NEVER;
    private long preemptUntil;   // 0: no preempt_delay window running
    private boolean ownerStartPending;  // an address owner takes over at start without a timeout
    private MasterGate gate = () -> true;
    private boolean wantMaster;         // held in BACKUP by a sync group after the Master_Down timer fired

    /**
     * Asked when the Master_Down timer fires (keepalived's vrrp_sync_can_goto_master()): a sync
     * group member may only take over when the group can.
     */
    @FunctionalInterface
    public interface MasterGate {
        boolean mayBecomeMaster();
    }

    public VrrpFsm(Params p) {
        this.p = p;
        this.masterAdverInt = p.advertIntMicros();
    }

    public VrrpState state() {
        return state;
    }

    /** Install the sync group's gate (an instance outside a group is never held). */
    public void setMasterGate(MasterGate g) {
        this.gate = g;
    }

    /**
     * keepalived's wantstate == MASTER: a MASTER, or a BACKUP whose Master_Down timer fired while
     * its sync group held it back (until it hears an advert it accepts).
     */
    public boolean wantsMaster() {
        return state == VrrpState.MASTER || (state == VrrpState.BACKUP && wantMaster);
    }

    public Params params() {
        return p;
    }

    /** The earliest time {@link #timerExpired} has work to do. */
    public long nextDeadline() {
        return Math.min(downDeadline, advertDeadline);
    }

    /** Master_Adver_Interval currently in force (learnt from the master in version 3). */
    public long masterAdverIntMicros() {
        return masterAdverInt;
    }

    public long masterDownIntervalMicros() {
        return Timers.masterDownMicros(p.version(), p.priority(), masterAdverInt, p.downTimerAdverts());
    }

    public long skewMicros() {
        return Timers.skewMicros(p.version(), p.priority(), masterAdverInt);
    }

    /**
     * Start: BACKUP (init) with the Master_Down timer running; an address owner that is
     * configured MASTER takes over at once. With {@code faulted} (a tracked object is down), FAULT,
     * logged as keepalived's vrrp_complete_init() does.
     */
    public List<Action> start(long now, boolean faulted) {
        List<Action> out = new ArrayList<>();
        if (faulted) {
            state = VrrpState.FAULT;
            out.add(new Action.Log(VrrpMessages.enteringFaultAtStart(p.name()), false));
            out.add(new Action.StateChange(VrrpState.INIT, VrrpState.FAULT));
            return out;
        }
        state = VrrpState.BACKUP;
        out.add(new Action.Log(VrrpMessages.enteringBackupInit(p.name()), false));
        out.add(new Action.StateChange(VrrpState.INIT, VrrpState.BACKUP));
        if (p.priority() == 255 && p.startAsMaster()) {
            ownerStartPending = true;
            downDeadline = now;
        } else {
            downDeadline = now + masterDownIntervalMicros();
        }
        return out;
    }

    /**
     * Start waiting for an unweighted track script's first result (keepalived's num_script_init):
     * FAULT without a log line or a state change to notify; {@link #faultCleared} or
     * {@link #fault} ends the wait.
     */
    public List<Action> startPending(long now) {
        state = VrrpState.FAULT;
        return List.of();
    }

    /**
     * The effective priority changed (tracking; keepalived's vrrp_set_effective_priority()): the
     * adverts carry it from now on and, as BACKUP, the running Master_Down timer moves by the
     * change of Skew_Time. An address owner's priority never changes.
     */
    public List<Action> setPriority(long now, int priority) {
        if (priority == p.priority() || p.priority() == 255) {
            return List.of();
        }
        long before = masterDownIntervalMicros();
        p = new Params(p.name(), p.version(), priority, p.advertIntMicros(), p.ownAddress(), p.startAsMaster(),
                p.nopreempt(), p.preemptDelayMicros(), p.lowerPrioNoAdvert(), p.higherPrioSendAdvert(),
                p.downTimerAdverts());
        if (state == VrrpState.BACKUP && downDeadline != NEVER) {
            downDeadline += masterDownIntervalMicros() - before;
        }
        return List.of();
    }

    /** Time passed: fire whatever is due. */
    public List<Action> timerExpired(long now) {
        List<Action> out = new ArrayList<>();
        if (state == VrrpState.BACKUP && now >= downDeadline) {
            if (!ownerStartPending) {
                out.add(new Action.Log(VrrpMessages.receiveTimeout(p.name()), true));
            }
            ownerStartPending = false;
            if (!gate.mayBecomeMaster()) {
                // vrrp_sync_can_goto_master(): wait, wanting MASTER, a fresh Master_Down_Interval
                wantMaster = true;
                downDeadline = now + masterDownIntervalMicros();
                return out;
            }
            becomeMaster(now, out);
        } else if (state == VrrpState.MASTER && now >= advertDeadline) {
            out.add(new Action.SendAdvert(p.priority()));
            advertDeadline = now + p.advertIntMicros();
        }
        return out;
    }

    private void becomeMaster(long now, List<Action> out) {
        MasterRules.becomeMaster(p, state, out);
        state = VrrpState.MASTER;
        wantMaster = false;
        downDeadline = NEVER;
        preemptUntil = 0;
        advertDeadline = now + p.advertIntMicros();
    }

    /** An advertisement for this instance arrived. */
    public List<Action> advertReceived(long now, Advert a) {
        return switch (state) {
            case BACKUP -> backupReceived(now, a);
            case MASTER -> masterReceived(now, a);
            default -> List.of();   // ignored in INIT and FAULT
        };
    }

    private List<Action> backupReceived(long now, Advert a) {
        List<Action> out = new ArrayList<>();
        if (a.priority() == 0) {
            out.add(new Action.Log(VrrpMessages.backupReceivedPriority0(p.name()), true));
            downDeadline = now + skewMicros();
            return out;
        }
        boolean inPreemptDelay = p.preemptDelayMicros() > 0 && (preemptUntil == 0 || preemptUntil > now);
        if (p.nopreempt() || a.priority() >= p.priority() || inPreemptDelay) {
            if (p.version() == 3) {
                masterAdverInt = a.advertIntMicros();
            }
            downDeadline = now + masterDownIntervalMicros();
            wantMaster = false;     // vrrp_state_backup(): an accepted advert: we want BACKUP again
            if (p.preemptDelayMicros() > 0) {
                if (a.priority() >= p.priority()) {
                    preemptUntil = 0;
                } else if (preemptUntil == 0) {
                    preemptUntil = now + p.preemptDelayMicros();
                }
            }
            return out;
        }
        out.add(new Action.Log(VrrpMessages.lowerPriorityDiscarding(p.name(), a.priority(),
                a.source().getHostAddress()), false));
        return out;     // the down timer keeps running: we preempt when it fires
    }

    private List<Action> masterReceived(long now, Advert a) {
        List<Action> out = new ArrayList<>();
        switch (MasterRules.received(p, a, out)) {
            case ANSWERED -> advertDeadline = now + p.advertIntMicros();
            case YIELDS -> {
                if (p.version() == 3) {
                    masterAdverInt = a.advertIntMicros();
                }
                leaveMaster(now, VrrpState.BACKUP, out);
            }
            case STAYS -> {
            }
        }
        return out;
    }

    private void leaveMaster(long now, VrrpState to, List<Action> out) {
        leaveMaster(now, to, true, out);
    }

    /** @param advF keepalived's advF: a second priority 0 advert (and its -D line) when leaving for FAULT */
    private void leaveMaster(long now, VrrpState to, boolean advF, List<Action> out) {
        MasterRules.leaveMaster(p.name(), to, advF, out);
        state = to;
        wantMaster = false;
        advertDeadline = NEVER;
        preemptUntil = 0;
        downDeadline = to == VrrpState.BACKUP ? now + masterDownIntervalMicros() : NEVER;
    }

    /**
     * A configuration reload matched this instance (keepalived's vrrp_exist()): the state is kept
     * and nothing is re-elected. A MASTER sends one advert at once with the new parameters
     * (keepalived's reload_master) and goes on at the new interval; a BACKUP keeps its running
     * Master_Down timer; FAULT and INIT stay as they are. Never emits a state change.
     */
    public List<Action> reload(long now, Params next) {
        p = next;
        List<Action> out = new ArrayList<>();
        if (p.version() == 2 || state != VrrpState.BACKUP) {
            masterAdverInt = p.advertIntMicros();
        }
        if (state == VrrpState.MASTER) {
            out.add(new Action.SendAdvert(p.priority()));
            advertDeadline = now + p.advertIntMicros();
        }
        return out;
    }

    /** Graceful stop: a master sends priority 0 and removes its addresses (unless {@code keepVips}). */
    public List<Action> stop(long now, boolean keepVips) {
        List<Action> out = new ArrayList<>();
        if (state == VrrpState.MASTER) {
            if (!keepVips) {
                out.add(new Action.SendAdvert(0));
                // vrrp_restore_interface(advF): only with -D, as "removing VIPs."
                out.add(new Action.Log(VrrpMessages.sentPriority0(p.name()), true));
                out.add(new Action.Log(VrrpMessages.removingVips(p.name()), true));
                out.add(new Action.RemoveVips());
            }
        }
        out.add(new Action.StateChange(state, VrrpState.INIT));
        state = VrrpState.INIT;
        downDeadline = NEVER;
        advertDeadline = NEVER;
        return out;
    }

    /** A tracked object (the interface) failed. */
    public List<Action> fault(long now) {
        List<Action> out = new ArrayList<>();
        switch (state) {
            case MASTER -> leaveMaster(now, VrrpState.FAULT, out);
            case BACKUP, INIT -> {
                out.add(new Action.Log(VrrpMessages.enteringFault(p.name()), false));
                out.add(new Action.StateChange(state, VrrpState.FAULT));
                state = VrrpState.FAULT;
                wantMaster = false;
                downDeadline = NEVER;
            }
            default -> {
            }
        }
        return out;
    }

    /** All tracked objects are fine again: back to BACKUP with a fresh Master_Down timer. */
    public List<Action> faultCleared(long now) {
        if (state != VrrpState.FAULT) {
            return List.of();
        }
        masterAdverInt = p.advertIntMicros();
        state = VrrpState.BACKUP;
        downDeadline = now + masterDownIntervalMicros();
        return List.of(new Action.Log(VrrpMessages.enteringBackup(p.name()), false),
                new Action.StateChange(VrrpState.FAULT, VrrpState.BACKUP));
    }

    /**
     * The sync group takes this member to MASTER (vrrp_sync_master() -> vrrp_state_goto_master()):
     * the same takeover as a Master_Down timeout, without the timeout line.
     */
    public List<Action> forceMaster(long now) {
        if (state == VrrpState.MASTER) {
            return List.of();
        }
        List<Action> out = new ArrayList<>();
        ownerStartPending = false;
        becomeMaster(now, out);
        return out;
    }

    /**
     * The sync group takes this member to BACKUP (vrrp_sync_backup()): a MASTER leaves as on a
     * higher priority advert (vrrp_state_leave_master()), FAULT or INIT leave as when the fault
     * clears (vrrp_state_leave_fault()).
     */
    public List<Action> forceBackup(long now) {
        List<Action> out = new ArrayList<>();
        switch (state) {
            case MASTER -> leaveMaster(now, VrrpState.BACKUP, false, out);
            case FAULT, INIT -> {
                VrrpState from = state;
                masterAdverInt = p.advertIntMicros();
                state = VrrpState.BACKUP;
                wantMaster = false;
                downDeadline = now + masterDownIntervalMicros();
                out.add(new Action.Log(VrrpMessages.enteringBackup(p.name()), false));
                out.add(new Action.StateChange(from, VrrpState.BACKUP));
            }
            default -> {
            }
        }
        return out;
    }

    /**
     * The sync group takes this member to FAULT (vrrp_sync_fault()): a MASTER leaves with one
     * priority 0 advert (advF false: no second one, no "sent 0 priority"); a BACKUP becomes FAULT
     * without a log line (keepalived sets the state before vrrp_state_leave_fault(), which then
     * sees no change to log) but with its notification.
     */
    public List<Action> forceFault(long now) {
        List<Action> out = new ArrayList<>();
        switch (state) {
            case MASTER -> leaveMaster(now, VrrpState.FAULT, false, out);
            case BACKUP, INIT -> {
                VrrpState from = state;
                state = VrrpState.FAULT;
                wantMaster = false;
                downDeadline = NEVER;
                out.add(new Action.StateChange(from, VrrpState.FAULT));
            }
            default -> {
            }
        }
        return out;
    }
}
