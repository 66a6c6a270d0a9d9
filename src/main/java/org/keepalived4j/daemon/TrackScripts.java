package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.script.ProcessRunner;
import org.keepalived4j.util.ScriptOutcome;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.runtime.TrackedObjects;
import org.keepalived4j.vrrp.track.TrackMessages;

/**
 * Runs the tracked vrrp_scripts (keepalived's vrrp_script_thread()): each every {@code interval}
 * from start-up on, timed from the start of the previous run, killed after its {@code timeout};
 * a run still going when the next is due is not doubled. Results are handed to
 * {@link TrackedObjects} on the VRRP loop; the processes never touch the loop thread.
 */
final class TrackScripts implements AutoCloseable {
    private final ProcessRunner runner;
    private final EventLoop loop;
    private final TrackedObjects tracked;
    private final LogPort log;
    private final List<ProcessRunner.Handle> timers = new ArrayList<>();
    private final Map<String, Running> running = new HashMap<>();   // loop thread
    private int generation;

    private record Running(ProcessRunner.Handle handle, long startedMicros, long timeoutMicros) {
    }

    TrackScripts(ProcessRunner runner, EventLoop loop, TrackedObjects tracked, LogPort log) {
        this.runner = runner;
        this.loop = loop;
        this.tracked = tracked;
        this.log = log;
    }

    /** (Re)start the periodic runs of {@code scripts} (loop thread); runs of before are killed. */
    void start(List<VrrpScriptConfig> scripts, Map<String, ScriptAccess.Runnable> access) {
        close();
        int g = ++generation;
        for (VrrpScriptConfig s : scripts) {
            ScriptAccess.Runnable a = access.get(s.name());
            if (a != null) {
                timers.add(runner.every(0, Math.max(1, s.intervalMicros()),
                        () -> loop.post(now -> due(now, g, s, a))));
            }
        }
    }

    private void due(long now, int g, VrrpScriptConfig s, ScriptAccess.Runnable a) {
        if (g != generation) {
            return;
        }
        Running r = running.get(s.name());
        if (r != null) {
            log.info(TrackMessages.scriptNotIdle(s.name(), now - r.startedMicros() > r.timeoutMicros()));
            return;
        }
        long timeout = s.timeoutMicros() > 0 ? s.timeoutMicros() : s.intervalMicros();
        ProcessRunner.Handle h = runner.run(a.command(s.script().args(), timeout, false), Runnable::run,
                new ProcessRunner.Listener() {
                    @Override
                    public void ended(ScriptOutcome o) {
                        loop.post(t -> finished(t, g, s, o));
                    }

                    @Override
                    public void stuck(long pid) {
                        log.info(TrackMessages.scriptFailedToTerminate(s.name(), pid));
                    }
                });
        running.put(s.name(), new Running(h, now, timeout));
    }

    private void finished(long now, int g, VrrpScriptConfig s, ScriptOutcome o) {
        if (g != generation) {
            return;
        }
        running.remove(s.name());
        if (o instanceof ScriptOutcome.Exited e) {
            tracked.scriptExited(now, s.name(), e.status());
        } else if (o instanceof ScriptOutcome.Signalled sig) {
            tracked.scriptSignalled(now, s.name(), sig.signal(), sig.timedOut());
        } else {
            tracked.scriptExecFailed(now, s.name(), s.script().command(), ((ScriptOutcome.ExecFailed) o).error());
        }
    }

    /** Stop the periodic runs and kill the running scripts. */
    @Override
    public void close() {
        generation++;
        timers.forEach(ProcessRunner.Handle::cancel);
        timers.clear();
        running.values().forEach(r -> r.handle().cancel());
        running.clear();
    }
}
