package org.keepalived4j.check.io;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.keepalived4j.check.CheckScheduler;
import org.keepalived4j.check.CheckerStatus;
import org.keepalived4j.check.HealthListener;
import org.keepalived4j.check.RsStatus;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.util.ScriptOutcome;

/**
 * The checker subsystem ready to run: a {@link CheckScheduler} on the {@link NettyCheckIo}
 * loop. Callable from any thread; each call runs on the checker thread and returns when done.
 * The listener and {@code log} are called on the checker thread: post to the daemon's loop.
 *
 * <pre>
 * HealthCheckers hc = HealthCheckers.create(listener, log::info);
 * List&lt;RsStatus&gt; initial = hc.start(config);   // seed the LVS planner
 * List&lt;RsStatus&gt; after = hc.reload(newConfig); // equal checkers keep their state
 * hc.close();                                    // stops checks, kills running scripts
 * </pre>
 */
public final class HealthCheckers implements AutoCloseable {
    private final NettyCheckIo io;
    private final CheckScheduler scheduler;
    private volatile boolean closed;

    private HealthCheckers(NettyCheckIo io, HealthListener listener, Consumer<String> log) {
        this.io = io;
        this.scheduler = new CheckScheduler(io, io, () -> System.nanoTime() / 1000, new SplittableRandom(), log,
                listener);
    }

    public static HealthCheckers create(HealthListener listener, Consumer<String> log) {
        return new HealthCheckers(NettyCheckIo.create(), listener, log);
    }

    /** @param detail the -D lines (keepalived's LOG_DETAIL) */
    public static HealthCheckers create(HealthListener listener, Consumer<String> log, Consumer<String> detail) {
        HealthCheckers h = new HealthCheckers(NettyCheckIo.create(), listener, log);
        h.scheduler.detailLog(detail);
        return h;
    }

    /** For tests: a given I/O (e.g. forced NIO). */
    public static HealthCheckers create(NettyCheckIo io, HealthListener listener, Consumer<String> log) {
        return new HealthCheckers(io, listener, log);
    }

    public boolean epoll() {
        return io.epoll();
    }

    /** Starts checking; the initial health of every real server (alpha ones down). */
    public List<RsStatus> start(KeepalivedConfig config) {
        return call(() -> {
            scheduler.start(config);
            return scheduler.realServers();
        });
    }

    /** Replaces the configuration; the health of every real server after the state transfer. */
    public List<RsStatus> reload(KeepalivedConfig config) {
        return call(() -> {
            scheduler.reload(config);
            return scheduler.realServers();
        });
    }

    /**
     * ha_suspend: an address came to or left an interface of the host
     * ({@link CheckScheduler#hostAddress}). Callable before {@link #start}; ignored once closed.
     */
    public void hostAddress(java.net.InetAddress address, boolean added) {
        if (!closed) {
            call(() -> {
                scheduler.hostAddress(address, added);
                return null;
            });
        }
    }

    /**
     * Runs a notify script (notify_up / notify_down of a real server, quorum_up / quorum_down of a
     * virtual server) the way MISC_CHECK scripts run: the command itself, no shell, in its own
     * process group, output discarded.
     *
     * @param timeoutMicros after this the group gets SIGTERM, 2 s later SIGKILL; {@link #NO_TIME_LIMIT}
     *                      for none (keepalived's notify_exec() never kills a notify script)
     * @param done          its outcome, on the checker thread
     */
    public void runScript(Script script, long timeoutMicros, Consumer<ScriptOutcome> done) {
        if (!closed) {
            io.loop().execute(() -> io.misc(script, timeoutMicros, done));
        }
    }

    /**
     * Who scripts run as: the script's {@code user [group]}, else the default script user
     * (keepalived's script_user / keepalived_script); empty refuses to run it.
     */
    public void credentials(Function<Script, Optional<RunAs>> credentials) {
        io.credentials(credentials);
    }

    /** For {@link #runScript}: about a hundred years, in microseconds. */
    public static final long NO_TIME_LIMIT = 100L * 365 * 24 * 3600 * 1_000_000;

    public List<RsStatus> realServers() {
        return call(scheduler::realServers);
    }

    public List<CheckerStatus> checkers() {
        return call(scheduler::checkers);
    }

    /** Stops every check (running scripts are killed) and the checker thread; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        call(() -> {
            scheduler.stop();
            return null;
        });
        io.close();
    }

    private <T> T call(Callable<T> c) {
        if (io.loop().inEventLoop()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return io.loop().submit(c).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
