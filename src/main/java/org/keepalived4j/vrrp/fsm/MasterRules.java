package org.keepalived4j.vrrp.fsm;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The master's side of the machine as pure rules: what a MASTER does with a received advert
 * (RFC 5798 §6.4.3, keepalived's vrrp_state_master_rx()) and the actions of becoming and leaving
 * MASTER. {@link VrrpFsm} owns the state and the timers; these only decide and list actions.
 */
final class MasterRules {

    /** What a MASTER does with an advert once its actions are listed. */
    enum Rx {
        /** Priority 0 answered with an advert at once: the advert timer starts again. */
        ANSWERED,
        /** Still MASTER, timers as they were. */
        STAYS,
        /** The sender outranks us: leave for BACKUP. */
        YIELDS
    }

    private MasterRules() {
    }

    /** The actions of a takeover (the state change comes after the VIPs are set). */
    static void becomeMaster(VrrpFsm.Params p, VrrpState from, List<Action> out) {
        out.add(new Action.SendAdvert(p.priority()));
        out.add(new Action.Log(VrrpMessages.enteringMaster(p.name()), false));
        out.add(new Action.Log(VrrpMessages.settingVips(p.name()), true));
        out.add(new Action.AddVips());
        out.add(new Action.StateChange(from, VrrpState.MASTER));
    }

    /** @param advF keepalived's advF: a second priority 0 advert (and its -D line) when leaving for FAULT */
    static void leaveMaster(String name, VrrpState to, boolean advF, List<Action> out) {
        if (to == VrrpState.BACKUP) {
            out.add(new Action.Log(VrrpMessages.enteringBackup(name), false));
        } else {
            out.add(new Action.Log(VrrpMessages.enteringFault(name), false));
            out.add(new Action.SendAdvert(0));
            if (advF) {
                // keepalived's down_instance(): vrrp_state_leave_master() sends priority 0, then
                // vrrp_restore_interface(advF) sends it once more and says so with -D
                out.add(new Action.SendAdvert(0));
                out.add(new Action.Log(VrrpMessages.sentPriority0(name), true));
            }
        }
        out.add(new Action.Log(VrrpMessages.removingVips(name), true));
        out.add(new Action.RemoveVips());
        out.add(new Action.StateChange(VrrpState.MASTER, to));
    }

    /** A MASTER received {@code a}: list what it answers and logs, and say whether it stays. */
    static Rx received(VrrpFsm.Params p, VrrpFsm.Advert a, List<Action> out) {
        int cmp = compare(a.source(), p.ownAddress());
        if (a.priority() == 0 || (p.higherPrioSendAdvert()
                && (a.priority() > p.priority() || (a.priority() == p.priority() && cmp > 0)))) {
            out.add(new Action.SendAdvert(p.priority()));
            if (a.priority() == 0) {
                out.add(new Action.Log(VrrpMessages.masterReceivedPriority0(p.name()), true));
                return Rx.ANSWERED;
            }
        }
        if (a.priority() < p.priority() || (a.priority() == p.priority() && cmp < 0)) {
            out.add(new Action.Log(VrrpMessages.masterReceivedLower(p.name(), a.source().getHostAddress(), a.priority(),
                    p.priority(), !p.lowerPrioNoAdvert()), false));
            if (!p.lowerPrioNoAdvert()) {
                out.add(new Action.SendAdvert(p.priority()));
            }
            return Rx.STAYS;
        }
        if (a.priority() > p.priority()) {
            out.add(new Action.Log(VrrpMessages.masterReceivedHigher(p.name(), a.source().getHostAddress(), a.priority(),
                    p.priority()), false));
        } else if (cmp > 0) {
            out.add(new Action.Log(VrrpMessages.masterReceivedSameHigherIp(p.name(), a.source().getHostAddress(),
                    a.priority()), false));
        } else {
            return Rx.STAYS;     // our own address: nothing sensible to do
        }
        return Rx.YIELDS;
    }

    /** Unsigned comparison of two addresses of one family (keepalived's vrrp_saddr_cmp()). */
    private static int compare(InetAddress a, InetAddress b) {
        if (a == null || b == null) {
            return 0;
        }
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }
}
