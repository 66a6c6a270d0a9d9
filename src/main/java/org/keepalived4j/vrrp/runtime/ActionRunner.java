package org.keepalived4j.vrrp.runtime;

import java.util.List;

import org.keepalived4j.vrrp.fsm.Action;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.Ports;

/**
 * Carries out the state machine's actions for one instance, in order, through the ports: adverts,
 * the addresses (with the firewall rule before "setting VIPs."), log lines and state changes
 * (counters, notifications, the sync group's VRRP_TSM_HANDLE()). It keeps what a state change
 * leaves behind: when it happened, whether a notification went out. Event-loop thread only.
 */
final class ActionRunner {
    private final InstanceRuntime instance;
    private final Ports ports;
    private final InstanceStats stats;
    private final ReceiveChecks checks;
    private final AhSequence ahSequence;
    private final MasterAddresses addresses;
    private final AdvertSender adverts;
    private long lastTransitionMicros;
    private boolean quietFault;     // FAULT while an unweighted script has not reported: nothing notified yet
    private boolean notified;        // keepalived's notifies_sent

    ActionRunner(InstanceRuntime instance, Ports ports, InstanceStats stats, ReceiveChecks checks,
                 AhSequence ahSequence, MasterAddresses addresses, AdvertSender adverts) {
        this.instance = instance;
        this.ports = ports;
        this.stats = stats;
        this.checks = checks;
        this.ahSequence = ahSequence;
        this.addresses = addresses;
        this.adverts = adverts;
    }

    /** When the state last changed (µs on the daemon's clock), 0 before the first change. */
    long lastTransitionMicros() {
        return lastTransitionMicros;
    }

    /** Whether a state notification has been sent (keepalived's notifies_sent). */
    boolean notifiedOnce() {
        return notified;
    }

    /** FAULT without a notification until a tracked script reports (keepalived's num_script_init). */
    void holdQuietFault() {
        quietFault = true;
    }

    /** keepalived's vrrp_state_leave_fault() FAULT -> FAULT after a quiet start: no line, but the notification. */
    void endQuietFault() {
        if (quietFault) {
            quietFault = false;
            notifyState(VrrpState.FAULT, VrrpState.FAULT);
        }
    }

    /**
     * keepalived's vrrp_state_master_rx() with AH: after a lower priority advert the master
     * continues from that advert's sequence number plus one (logged after "Received advert ...
     * with lower priority", before the answer is sent); a higher one clears the cycled mark.
     */
    void runMasterAh(long now, ReceivedAdvert in, int priority, List<Action> actions) {
        int ours = instance.effectivePriority();
        if (AhAdverts.lower(priority, ours, in.src(), instance.source())) {
            int at = 0;
            while (at < actions.size() && !(actions.get(at) instanceof Action.SendAdvert)) {
                at++;
            }
            run(now, actions.subList(0, at));
            ports.log().info(AhMessages.syncingSequence(instance.config().name()));
            ahSequence.syncFromLowerPriority(in.ah().sequence());
            run(now, actions.subList(at, actions.size()));
            return;
        }
        if (AhAdverts.higher(priority, ours, in.src(), instance.source())) {
            ahSequence.higherPriorityHeard();
        }
        run(now, actions);
    }

    /**
     * A change of addresses (a takeover, a release) holds its log lines until its packets and
     * addresses are done ({@link org.keepalived4j.vrrp.port.LogPort#hold()}); the lines keep their order.
     */
    void run(long now, List<Action> actions) {
        boolean hold = false;
        for (int i = 0; i < actions.size() && !hold; i++) {
            hold = actions.get(i) instanceof Action.AddVips || actions.get(i) instanceof Action.RemoveVips;
        }
        if (!hold) {
            runActions(now, actions);
            return;
        }
        ports.log().hold();
        try {
            runActions(now, actions);
        } finally {
            ports.log().release();
        }
    }

    private void runActions(long now, List<Action> actions) {
        var cfg = instance.config();
        if (InstanceRuntime.usesAh(cfg)
                && actions.stream().anyMatch(a -> a instanceof Action.StateChange c && c.to() == VrrpState.MASTER)) {
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
                adverts.send(s.priority());
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
        SyncGroupRuntime group = instance.group();
        if (changed != null && group != null) {
            group.transitioned(now, instance, changed.from(), changed.to());   // VRRP_TSM_HANDLE()
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
        SyncGroupRuntime group = instance.group();
        if (group != null && !group.notifies(instance, to)) {
            return;
        }
        notified = true;
        ports.stateListener().stateChanged(instance.config().name(), from, to, instance.effectivePriority());
    }
}
