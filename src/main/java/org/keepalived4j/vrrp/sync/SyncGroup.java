package org.keepalived4j.vrrp.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.vrrp.fsm.VrrpState;

/**
 * The decisions of one vrrp_sync_group, as keepalived 2.2.7 makes them (vrrp_sync.c and the
 * callers in vrrp_scheduler.c / vrrp_track.c), without doing anything: the runtime reports
 * what its members do and carries out the returned {@link Sync}. Pure; event-loop thread only.
 *
 * <ul>
 * <li>A member may go MASTER only when the group is MASTER or every other member wants MASTER
 *     (vrrp_sync_can_goto_master()); a member in FAULT never does, so it keeps the group out.</li>
 * <li>A member that goes MASTER, or leaves MASTER for BACKUP, or comes back from FAULT to
 *     BACKUP, takes the others with it (vrrp_sync_master(), vrrp_sync_backup()).</li>
 * <li>A member whose own tracking faults it takes the others to FAULT (vrrp_sync_fault() from
 *     down_instance()); it may only come back when no member is faulted by its own tracking or
 *     still waiting for a first script result (num_member_fault, num_member_init).</li>
 * <li>A member's notification is skipped when it enters the state the group is already in
 *     after it has notified once (send_instance_notifies()).</li>
 * </ul>
 * The group state is INIT (waiting for a script), BACKUP, MASTER or FAULT.
 */
public final class SyncGroup {

    /** What the runtime must do: log {@code line}, move {@code members} to {@code to}, then notify the group. */
    public record Sync(String line, VrrpState to, List<String> members) {
        public Sync {
            members = List.copyOf(members);
        }
    }

    private final String name;
    private final List<String> members;
    private VrrpState state;
    private final Set<String> down = new LinkedHashSet<>();      // faulted by their own tracking
    private final Set<String> waiting = new LinkedHashSet<>();   // waiting for a first script result

    /** @param initial BACKUP, or MASTER when every member is an address owner configured MASTER */
    public SyncGroup(String name, List<String> members, VrrpState initial) {
        this.name = name;
        this.members = List.copyOf(members);
        this.state = initial;
    }

    public String name() {
        return name;
    }

    public List<String> members() {
        return members;
    }

    public VrrpState state() {
        return state;
    }

    /** Set at start-up and reload, from what the members' tracking says (no notification is implied). */
    public void setState(VrrpState s) {
        state = s;
    }

    /**
     * A member's own tracking verdict (before any group decision).
     *
     * @param faulted an unweighted tracked object is down
     * @param pending an unweighted script has not reported yet
     */
    public void ownVerdict(String member, boolean faulted, boolean pending) {
        if (faulted) {
            down.add(member);
        } else {
            down.remove(member);
        }
        if (pending && !faulted) {
            waiting.add(member);
        } else {
            waiting.remove(member);
        }
    }

    /** Whether some member is faulted by its own tracking. */
    public boolean anyDown() {
        return !down.isEmpty();
    }

    /** Whether the member is faulted by its own tracking. */
    public boolean isDown(String member) {
        return down.contains(member);
    }

    /** Whether the member waits for its first script result. */
    public boolean isWaiting(String member) {
        return waiting.contains(member);
    }

    /** keepalived's num_member_fault. */
    public int downCount() {
        return down.size();
    }

    /** keepalived's num_member_init. */
    public int waitingCount() {
        return waiting.size();
    }

    /** Whether some member waits for its first script result. */
    public boolean anyWaiting() {
        return !waiting.isEmpty();
    }

    /** try_up_instance(): the member may leave FAULT only when no member is down or waiting. */
    public boolean mayLeaveFault(String member) {
        return down.isEmpty() && waiting.isEmpty();
    }

    /**
     * vrrp_sync_can_goto_master(): the group is MASTER already, or every other member wants
     * MASTER ({@code wantsMaster}: keepalived's wantstate == MASTER).
     */
    public boolean mayBecomeMaster(String member, Map<String, Boolean> wantsMaster) {
        if (state == VrrpState.MASTER) {
            return true;
        }
        for (String m : members) {
            if (!m.equals(member) && !wantsMaster.getOrDefault(m, false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A member changed state by itself (timeout, advert, tracking). Returns what the others must do,
     * empty when the group is already there or the change does not move the group. A member only
     * reaches MASTER through {@link #mayBecomeMaster}, so MASTER is not checked again. The group state
     * is updated when the runtime calls {@link #synced}.
     *
     * @param states every member's current state (the mover's new one included)
     */
    public Optional<Sync> memberChanged(String member, VrrpState from, VrrpState to, Map<String, VrrpState> states) {
        // INIT -> BACKUP is a member starting (vrrp_init_state() moves no group)
        if (to == VrrpState.INIT || to == state || (to == VrrpState.BACKUP
                && (from == VrrpState.BACKUP || from == VrrpState.INIT))) {
            return Optional.empty();
        }
        List<String> move = new ArrayList<>();
        for (String m : members) {
            VrrpState ms = states.getOrDefault(m, VrrpState.INIT);
            if (!m.equals(member) && ms != to && ms != VrrpState.INIT) {    // INIT: not started yet
                move.add(m);
            }
        }
        return Optional.of(new Sync(SyncMessages.syncing(name, to.name()), to, move));
    }

    /** The members have been moved: the group is in the new state now (notify it). */
    public void synced(Sync s) {
        state = s.to();
    }

    /** send_instance_notifies(): skip a member's notification when it only follows the group. */
    public boolean notifies(boolean notifiedBefore, VrrpState to) {
        return !(notifiedBefore && to == state);
    }
}
