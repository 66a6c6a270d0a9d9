package org.keepalived4j.vrrp.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.GroupListener;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.sync.SyncGroup;
import org.keepalived4j.vrrp.track.InstanceTracking;

/**
 * A running vrrp_sync_group: its members' transitions come in (on the event-loop turn that made
 * them), the {@link SyncGroup} decides, and the other members are moved on the same turn, then
 * the group is notified. A member moved by the group does not move the group again (keepalived
 * calls the state functions directly, not through its transition matrix). Event-loop thread only.
 */
public final class SyncGroupRuntime {
    private final SyncGroup group;
    private final Map<String, InstanceRuntime> members = new LinkedHashMap<>();
    private final LogPort log;
    private final GroupListener listener;
    private boolean syncing;

    /** Builds the group and makes the instances its members (they stay in the order given). */
    public SyncGroupRuntime(SyncGroup group, List<InstanceRuntime> instances, LogPort log, GroupListener listener) {
        this.group = group;
        this.log = log;
        this.listener = listener;
        for (InstanceRuntime r : instances) {
            members.put(r.config().name(), r);
            r.joinGroup(this);
        }
    }

    public String name() {
        return group.name();
    }

    public VrrpState state() {
        return group.state();
    }

    public SyncGroup group() {
        return group;
    }

    public List<InstanceRuntime> members() {
        return List.copyOf(members.values());
    }

    /** Leave the group (reload): the members run independently until a new group takes them. */
    public void dissolve() {
        members.values().forEach(r -> r.joinGroup(null));
    }

    boolean mayBecomeMaster(InstanceRuntime r) {
        Map<String, Boolean> wants = new LinkedHashMap<>();
        members.forEach((n, m) -> wants.put(n, m.wantsMaster()));
        return group.mayBecomeMaster(r.config().name(), wants);
    }

    boolean mayLeaveFault(InstanceRuntime r) {
        return group.mayLeaveFault(r.config().name());
    }

    boolean notifies(InstanceRuntime r, VrrpState to) {
        return to == VrrpState.INIT || group.notifies(r.notifiedOnce(), to);
    }

    void ownVerdict(InstanceRuntime r, InstanceTracking.Verdict v) {
        group.ownVerdict(r.config().name(), v.faulted(), v.pending());
    }

    /** VRRP_TSM_HANDLE(): a member went MASTER or BACKUP by itself. FAULT comes through {@link #memberFaulted}. */
    void transitioned(long now, InstanceRuntime r, VrrpState from, VrrpState to) {
        if (syncing || to == VrrpState.FAULT) {
            return;
        }
        group.memberChanged(r.config().name(), from, to, states()).ifPresent(s -> apply(now, s));
    }

    /** down_instance(): a member's own tracking faulted it; the group follows unless it is in FAULT already. */
    void memberFaulted(long now, InstanceRuntime r) {
        if (syncing) {
            return;
        }
        group.memberChanged(r.config().name(), r.state(), VrrpState.FAULT, states()).ifPresent(s -> apply(now, s));
    }

    private Map<String, VrrpState> states() {
        Map<String, VrrpState> s = new LinkedHashMap<>();
        members.forEach((n, m) -> s.put(n, m.state()));
        return s;
    }

    private void apply(long now, SyncGroup.Sync s) {
        log.info(s.line());
        syncing = true;
        try {
            for (String m : s.members()) {
                members.get(m).forceTo(now, s.to());
            }
        } finally {
            syncing = false;
        }
        group.synced(s);
        listener.groupStateChanged(group.name(), s.to());
    }

    /** Tell the group's notify scripts its state (start-up, reload). */
    void notifyState() {
        listener.groupStateChanged(group.name(), group.state());
    }

    /** notify_shutdown(): after its members, the group is notified STOP. */
    void stopped() {
        group.setState(VrrpState.INIT);
        listener.groupStateChanged(group.name(), VrrpState.INIT);
    }

    /** The member of this name, if any. */
    Optional<InstanceRuntime> member(String name) {
        return Optional.ofNullable(members.get(name));
    }
}
