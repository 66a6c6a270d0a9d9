package org.keepalived4j.daemon;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.keepalived4j.check.CheckMessages;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.lvs.LvsEvents;
import org.keepalived4j.util.ScriptOutcome;

/**
 * Runs the LVS notify scripts where keepalived does (ipwrapper.c do_rs_notifies() /
 * do_vs_notifies()): a real server's {@code notify_up} / {@code notify_down} and a virtual
 * server's {@code quorum_up} / {@code quorum_down}, with the arguments as configured and nothing
 * appended (keepalived adds none for these). Not waited for, never killed (notify_exec()), except
 * at shutdown: there each gets 1 s (keepalived's TIMER_HZ backstop) before its process group is
 * signalled, and {@link #awaitStopping} lets them finish first.
 */
final class LvsNotifier implements LvsEvents {
    /** How scripts are started: the script (as its user), time limit in microseconds, outcome callback. */
    interface Runner {
        void run(Script script, long timeoutMicros, Consumer<ScriptOutcome> done);
    }

    static final long STOPPING_LIMIT_MICROS = 1_000_000;
    private final Runner runner;
    private final long noLimitMicros;
    private final Consumer<String> log;
    private final Predicate<Script> runnable;
    private final Map<Script, Boolean> verdicts = Collections.synchronizedMap(new IdentityHashMap<>());
    private int stoppingRunning;

    /**
     * @param runnable keepalived's check_notify_script_secure() verdict for a script of the loaded
     *                 configuration: false for one it disabled (not found, not executable, or
     *                 unsafe with enable_script_security); asked once per script
     */
    LvsNotifier(Runner runner, long noLimitMicros, Consumer<String> log, Predicate<Script> runnable) {
        this.runner = runner;
        this.noLimitMicros = noLimitMicros;
        this.log = log;
        this.runnable = runnable;
    }

    @Override
    public void realServer(VirtualServerConfig vs, RealServerConfig rs, boolean up, boolean stopping) {
        run(up ? rs.notifyUp() : rs.notifyDown(), stopping);
    }

    @Override
    public void quorum(VirtualServerConfig vs, boolean up, boolean stopping) {
        run(up ? vs.quorumUp() : vs.quorumDown(), stopping);
    }

    private void run(Optional<Script> script, boolean stopping) {
        if (script.isEmpty() || !verdicts.computeIfAbsent(script.get(), runnable::test)) {
            return;
        }
        Script s = script.get();
        if (stopping) {
            synchronized (this) {
                stoppingRunning++;
            }
        }
        runner.run(s, stopping ? STOPPING_LIMIT_MICROS : noLimitMicros, outcome -> {
            if (outcome instanceof ScriptOutcome.ExecFailed f) {
                log.accept(CheckMessages.execFailed(s.command(), f.error()));
            }
            if (stopping) {
                synchronized (this) {
                    stoppingRunning--;
                    notifyAll();
                }
            }
        });
    }

    /** Waits (bounded) until the scripts started at shutdown have ended. */
    synchronized void awaitStopping(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (stoppingRunning > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
