package org.keepalived4j.daemon;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.Notify;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.script.ProcessRunner;
import org.keepalived4j.script.ScriptCommand;
import org.keepalived4j.script.ScriptQueue;
import org.keepalived4j.util.ScriptOutcome;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.notify.NotifyCall;
import org.keepalived4j.vrrp.notify.NotifyPlan;
import org.keepalived4j.vrrp.notify.NotifyState;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.StateListener;
import org.keepalived4j.vrrp.track.TrackMessages;

/**
 * Notifications of state changes (keepalived's send_instance_notifies()): the notify scripts
 * of the instance, run as their user, one after the other in the order of the transitions
 * (one {@link ScriptQueue} per instance), and the notify FIFO lines. Scripts run at stop get
 * keepalived's 1 s before SIGKILL; stopping waits a bounded time for them. Called on the VRRP
 * loop; the scripts run on the {@link ProcessRunner}'s thread.
 */
final class VrrpNotifier implements StateListener, org.keepalived4j.vrrp.port.GroupListener {
    /** How long a running notify script holds back the next notification of its instance. */
    static final long ORDER_WAIT_MICROS = 10_000_000;
    private static final long STOP_TIMEOUT_MICROS = 1_000_000;

    private final LogPort log;
    private final ProcessRunner runner;
    private final NotifyFifos fifos;
    private final Map<String, Notify> notifies = new HashMap<>();
    private final Map<String, Notify> groupNotifies = new HashMap<>();
    private final Map<Script, Optional<ScriptAccess.Runnable>> access = new HashMap<>();
    private final Map<String, ScriptQueue> queues = new HashMap<>();
    private final Set<String> deleting = new HashSet<>();

    VrrpNotifier(LogPort log, ProcessRunner runner, NotifyFifos fifos) {
        this.log = log;
        this.runner = runner;
        this.fifos = fifos;
    }

    /** Take the notify scripts of a (re)loaded configuration; each script's verdict is made once, here. */
    void configure(KeepalivedConfig cfg, ScriptAccess scripts) {
        notifies.clear();
        groupNotifies.clear();
        access.clear();
        cfg.syncGroups().forEach(g -> {
            groupNotifies.put(g.name(), g.notifyScripts());
            g.notifyScripts().all().forEach(s -> access.computeIfAbsent(s, scripts::notifyScript));
        });
        cfg.vrrpInstances().forEach(i -> {
            notifies.put(i.name(), i.notifyScripts());
            i.notifyScripts().all().forEach(s -> access.computeIfAbsent(s, scripts::notifyScript));
        });
    }

    /** The next stop of {@code instance} is its removal by a reload (DELETED, or FAULT without notify_deleted). */
    void deleting(String instance) {
        deleting.add(instance);
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, int priority) {
        NotifyState s = switch (to) {
            case MASTER -> NotifyState.MASTER;
            case BACKUP -> NotifyState.BACKUP;
            case FAULT -> NotifyState.FAULT;
            case INIT -> deleting.remove(instance) ? NotifyState.DELETED : NotifyState.STOP;
        };
        Notify n = notifies.getOrDefault(instance, Notify.NONE);
        for (NotifyCall c : NotifyPlan.calls(n, false, instance, s, priority)) {
            Optional<ScriptAccess.Runnable> r = access.getOrDefault(c.script(), Optional.empty());
            boolean atStop = s == NotifyState.STOP;
            r.ifPresent(run -> queue(instance).add(run.command(c.argv(), atStop ? STOP_TIMEOUT_MICROS : 0, atStop)));
        }
        fifos.write(NotifyPlan.fifoLine(false, instance, NotifyPlan.effective(n, false, s).name(), priority));
    }

    /**
     * send_group_notifies(): the group's own script for the state, then its generic notify with
     * {@code GROUP name STATE 0}, then the FIFO line {@code GROUP "name" STATE 0}; INIT is STOP.
     */
    @Override
    public void groupStateChanged(String group, VrrpState to) {
        NotifyState s = switch (to) {
            case MASTER -> NotifyState.MASTER;
            case BACKUP -> NotifyState.BACKUP;
            case FAULT -> NotifyState.FAULT;
            case INIT -> NotifyState.STOP;
        };
        Notify n = groupNotifies.getOrDefault(group, Notify.NONE);
        boolean atStop = s == NotifyState.STOP;
        for (NotifyCall c : NotifyPlan.calls(n, true, group, s, 0)) {
            Optional<ScriptAccess.Runnable> r = access.getOrDefault(c.script(), Optional.empty());
            r.ifPresent(run -> queue("GROUP " + group).add(run.command(c.argv(), atStop ? STOP_TIMEOUT_MICROS : 0,
                    atStop)));
        }
        fifos.write(NotifyPlan.fifoLine(true, group, s.name(), 0));
    }

    private ScriptQueue queue(String instance) {
        return queues.computeIfAbsent(instance, k -> new ScriptQueue(runner, ORDER_WAIT_MICROS, this::ended,
                c -> log.info("(" + k + ") notify script '" + c.argv().get(0) + "' still running after "
                        + ORDER_WAIT_MICROS / 1_000_000 + " s - running the next notification without waiting")));
    }

    private void ended(ScriptCommand c, ScriptOutcome o) {
        if (o instanceof ScriptOutcome.ExecFailed f) {
            log.info(TrackMessages.execFailed(c.argv().get(0), f.error()));
        }
    }

    /** Wait (at most {@code millis}) until every queued notify script has run. */
    void drain(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (queues.values().stream().anyMatch(q -> q.outstanding() > 0) && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    List<String> instancesWithScripts() {
        return List.copyOf(notifies.keySet());
    }
}
