package org.keepalived4j.script;

import java.io.File;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.keepalived4j.util.ScriptOutcome;

/**
 * Runs scripts as keepalived's system_call_script() and its child-timeout threads do, for every
 * subsystem (vrrp_script, notify scripts, MISC_CHECK): the program is executed directly (no
 * shell) in a new process group it leads, as the script user, with stdin from /dev/null and its
 * output discarded. After the timeout the group gets SIGTERM, 2 s later SIGKILL, then SIGKILL
 * every 10 s. The JVM reaps every child, so no zombie is left.
 *
 * <p>Starting processes, timers and exit handling run on this runner's own thread, never on the
 * caller's event loop; outcomes are handed to the executor the caller passes (its event loop).
 */
public final class ProcessRunner implements AutoCloseable {
    private static final long SECOND = 1_000_000L;

    /** What a caller hears about one run, on the executor it passed. */
    public interface Listener {
        void ended(ScriptOutcome outcome);

        /** SIGKILL did not end the group (keepalived: "... failed to terminate after kill"). */
        default void stuck(long pid) {
        }
    }

    /** A started run. */
    public interface Handle {
        /**
         * Kill the run's process group (SIGKILL). Called on the caller's executor thread, no
         * callback of this run reaches the listener afterwards.
         */
        void cancel();
    }

    private final ScheduledThreadPoolExecutor exec;
    private final Launcher launcher;
    private final Set<Run> active = new HashSet<>();   // runner thread only

    public ProcessRunner(String threadName) {
        this(threadName, Launcher.forThisHost());
    }

    ProcessRunner(String threadName, Launcher launcher) {
        this.launcher = launcher;
        this.exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        exec.setRemoveOnCancelPolicy(true);
    }

    /** The runner's own thread, for helpers of this package that keep their state on it. */
    java.util.concurrent.ScheduledExecutorService executor() {
        return exec;
    }

    /**
     * Run {@code tick} on the runner's thread every {@code periodMicros}, first after
     * {@code initialDelayMicros} (keepalived times the next run from the start of the last).
     */
    public Handle every(long initialDelayMicros, long periodMicros, Runnable tick) {
        ScheduledFuture<?> f = exec.scheduleAtFixedRate(tick, initialDelayMicros, periodMicros, TimeUnit.MICROSECONDS);
        return () -> f.cancel(false);
    }

    /** Our own credentials (what a script runs as without a user of its own). */
    public RunAs ourCredentials() {
        return launcher.ourCredentials();
    }

    /** Start {@code c}; the outcome goes to {@code listener} through {@code callbacks}. */
    public Handle run(ScriptCommand c, Executor callbacks, Listener listener) {
        Run r = new Run(c, callbacks, listener);
        exec.execute(r::spawn);
        return r;
    }

    /** Kills every running script (SIGKILL to its group) and stops the runner's thread. */
    @Override
    public void close() {
        try {
            exec.execute(() -> List.copyOf(active).forEach(r -> r.kill(true)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return;   // closed already
        }
        exec.shutdown();
        try {
            exec.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One script run and how far its timeout handling got; runner thread only, except cancel(). */
    private final class Run implements Handle {
        private final ScriptCommand command;
        private final Executor callbacks;
        private final Listener listener;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private Process process;
        private ScheduledFuture<?> timer;
        private ScriptOutcome.Stage stage = ScriptOutcome.Stage.RUNNING;
        private boolean over;

        Run(ScriptCommand command, Executor callbacks, Listener listener) {
            this.command = command;
            this.callbacks = callbacks;
            this.listener = listener;
        }

        void spawn() {
            if (cancelled.get()) {
                return;
            }
            String why = Launcher.unrunnable(command.argv().get(0));
            List<String> argv = launcher.argv(command);
            if (why == null && argv == null) {
                why = "1: Operation not permitted";    // cannot switch to the script's user here
            }
            if (why != null) {
                end(new ScriptOutcome.ExecFailed(why));
                return;
            }
            try {
                ProcessBuilder b = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
                Launcher.environment(b.environment());
                process = b.start();
            } catch (IOException e) {
                end(new ScriptOutcome.ExecFailed(Launcher.errno(e)));
                return;
            }
            active.add(this);
            if (command.timeoutMicros() > 0) {
                timer = exec.schedule(this::timeout, command.timeoutMicros(), TimeUnit.MICROSECONDS);
            }
            process.onExit().thenRun(() -> exec.execute(this::exited));
        }

        /** The child-timeout thread of vrrp_script_child_thread() / misc_check_child_thread(). */
        private void timeout() {
            if (over) {
                return;
            }
            long next;
            switch (stage) {
                case RUNNING -> {
                    stage = command.killAtTimeout() ? ScriptOutcome.Stage.KILL_FORCED : ScriptOutcome.Stage.TERM_REQUESTED;
                    kill(command.killAtTimeout());
                    next = 2 * SECOND;
                }
                case TERM_REQUESTED -> {
                    stage = ScriptOutcome.Stage.KILL_FORCED;
                    kill(true);
                    next = 2 * SECOND;
                }
                default -> {
                    long pid = process.pid();
                    deliver(() -> listener.stuck(pid));
                    kill(true);
                    next = 10 * SECOND;
                }
            }
            timer = exec.schedule(this::timeout, next, TimeUnit.MICROSECONDS);
        }

        private void exited() {
            if (over) {
                return;
            }
            int v = process.exitValue();
            // the JDK reports death by signal N as 128 + N: taken as a signal only after we sent one
            boolean ours = stage != ScriptOutcome.Stage.RUNNING && (v == 128 + 15 || v == 128 + 9);
            if (ours && stage == ScriptOutcome.Stage.TERM_REQUESTED) {
                kill(true);   // the script is gone: make sure the rest of its group is too
            }
            end(ours ? new ScriptOutcome.Signalled(v - 128, stage) : new ScriptOutcome.Exited(v));
        }

        private void end(ScriptOutcome outcome) {
            over = true;
            active.remove(this);
            if (timer != null) {
                timer.cancel(false);
            }
            deliver(() -> listener.ended(outcome));
        }

        private void deliver(Runnable r) {
            if (cancelled.get()) {
                return;
            }
            try {
                callbacks.execute(() -> {
                    if (!cancelled.get()) {
                        r.run();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the caller's loop is gone: nobody is listening any more
            }
        }

        void kill(boolean force) {
            if (process == null) {
                return;
            }
            if (launcher.groupsSupported()) {
                ProcessGroups.signal(process.pid(), force);
            } else {
                process.descendants().forEach(h -> {
                    if (force) {
                        h.destroyForcibly();
                    } else {
                        h.destroy();
                    }
                });
            }
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }

        @Override
        public void cancel() {
            if (cancelled.getAndSet(true)) {
                return;
            }
            try {
                exec.execute(() -> {
                    if (over) {
                        return;
                    }
                    over = true;
                    active.remove(this);
                    if (timer != null) {
                        timer.cancel(false);
                    }
                    if (process != null && process.isAlive()) {
                        kill(true);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // runner closed: close() killed everything
            }
        }
    }
}
