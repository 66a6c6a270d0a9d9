package org.keepalived4j.vrrp.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.keepalived4j.config.model.VrrpSyncGroupConfig;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.GroupListener;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.sync.SyncGroup;
import org.keepalived4j.vrrp.sync.SyncMessages;
import org.keepalived4j.vrrp.track.InstanceTracking;

/**
 * The running sync groups of one configuration, and the start-up and reload steps that involve
 * them (keepalived's vrrp_complete_init() and vrrp_init_state()). Event-loop thread only.
 */
public final class SyncGroups {
    private final List<SyncGroupRuntime> groups = new ArrayList<>();

    /**
     * Make the groups of a configuration over the instances that run; members that did not
     * start are left out, a group with no running member is dropped.
     */
    public SyncGroups(List<VrrpSyncGroupConfig> cfgs, List<InstanceRuntime> instances, LogPort log,
                      GroupListener listener) {
        Map<String, InstanceRuntime> byName = new LinkedHashMap<>();
        instances.forEach(r -> byName.put(r.config().name(), r));
        for (VrrpSyncGroupConfig g : cfgs) {
            List<InstanceRuntime> members = g.members().stream().filter(byName::containsKey).map(byName::get).toList();
            if (members.isEmpty()) {
                continue;
            }
            groups.add(new SyncGroupRuntime(new SyncGroup(g.name(), g.members().stream().filter(byName::containsKey)
                    .toList(), initialState(g, members, log)), members, log, listener));
        }
    }

    /** vrrp_sync_set_group(): MASTER only when every member is an address owner configured MASTER. */
    private static VrrpState initialState(VrrpSyncGroupConfig g, List<InstanceRuntime> members, LogPort log) {
        boolean ownerMaster = false;
        boolean other = false;
        for (InstanceRuntime r : members) {
            boolean om = r.config().priority() == 255
                    && r.config().initialState() == org.keepalived4j.config.model.VrrpState.MASTER;
            if (om && other || !om && ownerMaster) {
                log.info(SyncMessages.mixedOwners(g.name()));
            }
            ownerMaster |= om;
            other |= !om;
        }
        return ownerMaster && !other ? VrrpState.MASTER : VrrpState.BACKUP;
    }

    public List<SyncGroupRuntime> groups() {
        return List.copyOf(groups);
    }

    /** Leave every group (a reload builds new ones). */
    public void dissolve() {
        groups.forEach(SyncGroupRuntime::dissolve);
    }

    /** The group states by name (a reload notifies a group only when its state changed). */
    public Map<String, VrrpState> states() {
        Map<String, VrrpState> m = new LinkedHashMap<>();
        groups.forEach(g -> m.put(g.name(), g.state()));
        return m;
    }

    /**
     * Start every instance as keepalived does: first each instance's start-up fault lines (a
     * member found down takes its group to FAULT: "VRRP_Group(G): Syncing VI to FAULT state"),
     * then the instances in FAULT (with the members of groups in FAULT: "(VI) entering FAULT
     * state"), then the group notifications (BACKUP or FAULT), then the others in BACKUP (init);
     * members of a group waiting for a script's first result wait in FAULT (init) unnotified.
     */
    public void start(long now, List<InstanceRuntime> instances, TrackedObjects tracked, Predicate<String> linkUp,
                      LogPort log) {
        Map<InstanceRuntime, InstanceTracking.Verdict> verdicts = new LinkedHashMap<>();
        for (InstanceRuntime r : instances) {
            InstanceTracking.Verdict v = tracked.verdict(r, linkUp);
            verdicts.put(r, v);
            tracked.initialFaultLines(r).forEach(log::info);
            SyncGroupRuntime g = r.group();
            if (g != null) {
                g.ownVerdict(r, v);
                if (v.faulted() && g.state() != VrrpState.FAULT) {
                    g.group().setState(VrrpState.FAULT);
                    log.info(SyncMessages.syncingMemberToFaultAtStart(g.name(), r.config().name()));
                }
            }
        }
        groups.stream().filter(g -> g.state() != VrrpState.FAULT && g.group().anyWaiting())
                .forEach(g -> g.group().setState(VrrpState.INIT));
        List<InstanceRuntime> rest = new ArrayList<>();
        verdicts.forEach((r, v) -> {
            boolean groupFault = r.group() != null && r.group().state() == VrrpState.FAULT;
            if (v.faulted() || groupFault) {
                r.start(now, new InstanceTracking.Verdict(v.effectivePriority(), true, false));
            } else {
                rest.add(r);
            }
        });
        groups.stream().filter(g -> g.state() == VrrpState.FAULT || g.state() == VrrpState.BACKUP)
                .forEach(SyncGroupRuntime::notifyState);
        for (InstanceRuntime r : rest) {
            InstanceTracking.Verdict v = verdicts.get(r);
            if (r.group() != null && r.group().state() == VrrpState.INIT && !v.pending()) {
                r.startHeldByGroup(now, v);
            } else {
                r.start(now, v);
            }
        }
    }

    /**
     * After a reload: each group takes the state its members are in (FAULT when a member's own
     * tracking faults it, the others follow; INIT while one waits for a script; MASTER when all
     * are MASTER; else BACKUP) and is notified only when that differs from the state the group of
     * that name had before (keepalived's state_same_at_reload).
     */
    public void settle(long now, Map<String, VrrpState> before, TrackedObjects tracked, Predicate<String> linkUp) {
        for (SyncGroupRuntime g : groups) {
            for (InstanceRuntime r : g.members()) {
                g.ownVerdict(r, tracked.verdict(r, linkUp));
            }
            VrrpState s = g.group().anyDown() ? VrrpState.FAULT : g.group().anyWaiting() ? VrrpState.INIT
                    : g.members().stream().allMatch(r -> r.state() == VrrpState.MASTER) ? VrrpState.MASTER
                    : VrrpState.BACKUP;
            g.group().setState(s);
            if (s == VrrpState.FAULT) {
                g.members().stream().filter(r -> r.state() != VrrpState.FAULT).forEach(r -> r.forceTo(now, s));
            }
            if ((s == VrrpState.FAULT || s == VrrpState.BACKUP) && before.get(g.name()) != s) {
                g.notifyState();
            }
        }
    }

    /**
     * A reload made these groups: each starts in the state the group of its name had (BACKUP when
     * new) and knows which members were down or waiting before, until their tracking says again.
     */
    public void carryOver(SyncGroups old) {
        Map<String, VrrpState> before = old.states();
        for (SyncGroupRuntime g : groups) {
            g.group().setState(before.getOrDefault(g.name(), VrrpState.BACKUP));
            for (String m : g.group().members()) {
                for (SyncGroupRuntime o : old.groups) {
                    if (o.group().members().contains(m)) {
                        g.group().ownVerdict(m, o.group().isDown(m), o.group().isWaiting(m));
                    }
                }
            }
        }
    }

    /** notify_shutdown(): the groups are notified STOP after their members. */
    public void stopped() {
        groups.forEach(SyncGroupRuntime::stopped);
    }

    public Optional<SyncGroupRuntime> byName(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
