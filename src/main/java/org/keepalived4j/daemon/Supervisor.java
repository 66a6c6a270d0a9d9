package org.keepalived4j.daemon;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.keepalived4j.vrrp.port.LogPort;

/**
 * Runs a subsystem and restarts it when it dies, as keepalived's parent respawns a child
 * (vrrp_respawn_thread(), calc_restart_delay() in lib/scheduler.c): a subsystem that had run
 * for a minute or more restarts at once; quicker deaths are delayed 0, 1, 2, 4 ... seconds,
 * capped at 60. With -R (no respawn) a death ends the daemon. keepalived's subsystems are child
 * processes; ours are threads of one JVM, and the log lines say so.
 */
final class Supervisor {

    /** One life of the subsystem: start it and wait; empty when it was stopped, else why it died. */
    @FunctionalInterface
    interface Life {
        Optional<Throwable> run() throws InterruptedException;
    }

    /** Waits between lives; returns early (false) when the daemon is stopping. */
    @FunctionalInterface
    interface Pause {
        boolean sleepMillis(long millis) throws InterruptedException;
    }

    private final String name;
    private final LogPort log;
    private final boolean respawn;
    private final LongSupplier nowMillis;
    private final Pause pause;
    private final BooleanSupplier stopping;
    private long nextDelaySeconds;

    Supervisor(String name, LogPort log, boolean respawn, LongSupplier nowMillis, Pause pause,
               BooleanSupplier stopping) {
        this.name = name;
        this.log = log;
        this.respawn = respawn;
        this.nowMillis = nowMillis;
        this.pause = pause;
        this.stopping = stopping;
    }

    /** @return true when the subsystem ended because it was stopped, false when it died for good */
    boolean supervise(Life life) throws InterruptedException {
        while (true) {
            long started = nowMillis.getAsLong();
            Optional<Throwable> death = life.run();
            if (death.isEmpty() || stopping.getAsBoolean()) {
                return true;
            }
            if (!respawn) {
                log.alert(name + " subsystem (thread in pid " + ProcessHandle.current().pid() + ") died: Exiting");
                log.info("  cause: " + describe(death.get()));
                return false;
            }
            log.alert(name + " subsystem (thread in pid " + ProcessHandle.current().pid() + ") died: Respawning");
            log.info("  cause: " + describe(death.get()));
            long delay = restartDelaySeconds(nowMillis.getAsLong() - started);
            if (delay > 0) {
                log.info("Restart of " + name + " subsystem delayed " + delay + " seconds to limit respawn rate");
            }
            if (!pause.sleepMillis(delay * 1000)) {
                return true;
            }
        }
    }

    /** calc_restart_delay(): the delay for this restart; doubles the next one. */
    long restartDelaySeconds(long ranMillis) {
        if (ranMillis >= 60_000) {
            nextDelaySeconds = 0;
            return 0;
        }
        long delay = nextDelaySeconds;
        nextDelaySeconds = nextDelaySeconds == 0 ? 1 : nextDelaySeconds > 30 ? 60 : nextDelaySeconds * 2;
        return delay;
    }

    static String describe(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return t + (st.length > 0 ? " at " + st[0] : "");
    }
}
