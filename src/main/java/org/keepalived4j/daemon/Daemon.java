package org.keepalived4j.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.ExitCodes;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.daemon.log.LogOptions;
import org.keepalived4j.net.SdNotify;
import org.keepalived4j.util.Ticker;

/**
 * The composition root: pid files, logging, signals, the supervised VRRP subsystem and
 * reloads. keepalived runs a parent and one child process per subsystem; we run one JVM whose
 * subsystems are supervised threads (see {@link Supervisor}), and say so in the log.
 */
public final class Daemon {

    /** What the command line decided. */
    public record Options(LogOptions log, boolean dontReleaseVrrp, boolean respawn, Path pidFile, Path vrrpPidFile,
                          String version, boolean runVrrp, boolean runCheckers, boolean dontReleaseIpvs,
                          Path checkersPidFile) {
    }

    private final Options o;
    private final DaemonLog log;
    private final DaemonLog vrrpLog;
    private final DaemonLog checkerLog;
    private final SdNotify notifier;
    private final Ticker ticker = () -> System.nanoTime() / 1000;
    private final CountDownLatch startedOnce = new CountDownLatch(1);
    private int toStart;
    private volatile CheckerSubsystem checker;
    private boolean vrrpStarted;
    private final Object pauseLock = new Object();
    private volatile boolean stopping;
    private volatile VrrpService vrrp;
    private Reloader reloader;
    private Dumps dumps;

    private Daemon(Options o, DaemonLog.Logs logs, SdNotify notifier) {
        this.o = o;
        this.log = logs.parent();
        this.vrrpLog = logs.vrrp();
        this.checkerLog = logs.checker();
        this.notifier = notifier;
    }

    /**
     * Run until SIGTERM/SIGINT (exit 0) or until the VRRP subsystem dies with respawn disabled (exit 1).
     *
     * @param initial the configuration the command line loaded and checked
     * @param reload  loads the configuration again (SIGHUP)
     */
    public static int run(Options o, ConfigLoader.Result initial, Supplier<ConfigLoader.Result> reload) {
        try (DaemonLog.Logs logs = DaemonLog.configure(o.log());
             SdNotify sd = SdNotify.fromEnvironment(System.getenv(), logs.parent()::warning)) {
            return new Daemon(o, logs, sd).run(initial, reload);
        }
    }

    private int run(ConfigLoader.Result initial, Supplier<ConfigLoader.Result> reload) {
        long pid = ProcessHandle.current().pid();
        ProcessName.set("keepalived");
        log.info("Starting " + o.version());
        boolean checkers = o.runCheckers() && !initial.config().virtualServers().isEmpty();
        List<Path> paths = new ArrayList<>(List.of(o.pidFile()));
        if (o.runVrrp()) {
            paths.add(o.vrrpPidFile());
        }
        if (checkers) {
            paths.add(o.checkersPidFile());
        }
        List<PidFile> pidFiles = new ArrayList<>();
        try {
            for (Path p : paths) {
                pidFiles.add(PidFile.acquire(p, pid, log::info));
            }
        } catch (PidFile.AlreadyRunning e) {
            pidFiles.forEach(PidFile::close);
            log.info("daemon is already running");
            log.info("  " + e.getMessage());
            return ExitCodes.OK;     // keepalived exits 0 here too
        } catch (IOException e) {
            pidFiles.forEach(PidFile::close);
            log.info("pidfile_write : Cannot open pidfile (" + e + ")");
            return ExitCodes.FATAL;
        }
        try {
            initial.diagnostics().all().forEach(d -> log.info(d.render()));
            Daemon.unimplementedWarnings(initial.config()).forEach(log::info);
            dumps = new Dumps(vrrpLog);
            reloader = new Reloader(log, initial, reload, this::applyReload, notifier);
            installSignals();
            return runSubsystems(pid, checkers) ? ExitCodes.OK : ExitCodes.FATAL;
        } finally {
            notifier.stopping();
            reloader.shutdown();
            pidFiles.forEach(PidFile::close);
            log.info("Stopped " + o.version());
        }
    }

    /** Each subsystem on a supervisor thread of its own; returns false if one died for good. */
    private boolean runSubsystems(long pid, boolean checkers) {
        toStart = (o.runVrrp() ? 1 : 0) + (checkers ? 1 : 0);
        java.util.concurrent.atomic.AtomicBoolean ok = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        if (checkers) {
            log.info("Starting Healthcheck subsystem, pid=" + pid
                    + " (a thread of this process; keepalived would fork a child)");
            checker = new CheckerSubsystem(checkerLog, log, o.respawn(), o.dontReleaseIpvs(), reloader::config,
                    () -> stopping, this::pause, this::subsystemStarted);
            threads.add(supervisorThread("checker-supervisor", () -> checker.run(), ok));
        }
        if (o.runVrrp()) {
            threads.add(supervisorThread("vrrp-supervisor", () -> superviseVrrp(pid), ok));
        }
        if (toStart == 0) {     // nothing configured for the subsystems asked for: idle until stopped, as keepalived
            subsystemStarted();
            try {
                pause(Long.MAX_VALUE / 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ok.get();
    }

    private Thread supervisorThread(String name, java.util.function.BooleanSupplier body,
                                    java.util.concurrent.atomic.AtomicBoolean ok) {
        Thread t = new Thread(() -> {
            if (!body.getAsBoolean()) {
                ok.set(false);
                stopAll();     // -R: one subsystem's death ends the daemon, as keepalived's parent does
            }
        }, name);
        t.start();
        return t;
    }

    /**
     * SIGTERM/SIGINT: the VRRP loop first, the priority-0 adverts being the one thing that must be
     * fast. Linked at start-up: a method reference made in the signal handler cost 0.7-1.1 ms of
     * call-site linkage between the signal and the hand-off to the loop.
     */
    private final Runnable stopVrrpFirst = this::stopVrrpFirst;

    private void stopVrrpFirst() {
        stopping = true;
        VrrpService svc = vrrp;
        if (svc != null) {
            requestStop(svc);
        }
    }

    /** Stop every subsystem (SIGTERM/SIGINT, or one died for good with -R). */
    private void stopAll() {
        stopVrrpFirst();     // a second request is ignored (VrrpService.requestStop)
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        CheckerSubsystem c = checker;
        if (c != null) {
            c.stop();
        }
    }

    /** The last subsystem to start logs "Startup complete" and tells systemd. */
    private synchronized void subsystemStarted() {
        if (--toStart <= 0 && startedOnce.getCount() > 0) {
            startedOnce.countDown();
            log.info("Startup complete");
            notifier.ready();
        }
    }

    private boolean superviseVrrp(long pid) {
        log.info("Starting VRRP subsystem, pid=" + pid + " (a thread of this process; keepalived would fork a child)");
        Supervisor s = new Supervisor("VRRP", log, o.respawn(), System::currentTimeMillis, this::pause,
                () -> stopping);
        try {
            boolean stopped = s.supervise(this::vrrpLife);
            if (stopped) {
                StoppedLine.log(vrrpLog, vrrpLog.detailEnabled());
            }
            return stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** One life of the VRRP subsystem, with the configuration in force. */
    private Optional<Throwable> vrrpLife() throws InterruptedException {
        VrrpService svc;
        try {
            svc = new VrrpService(vrrpLog, ticker);
            svc.configure(reloader.config());
            svc.start();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e);
        }
        vrrp = svc;
        if (!vrrpStarted) {
            vrrpStarted = true;
            subsystemStarted();
        }
        if (stopping) {
            requestStop(svc);
        }
        Optional<Throwable> death = svc.awaitTermination();
        vrrp = null;
        death.ifPresent(t -> releaseAfterCrash(svc));
        svc.close();
        return death;
    }

    /** The loop died: as a stop would, let a master hand over (priority 0) and free its addresses. */
    private void releaseAfterCrash(VrrpService svc) {
        try {
            svc.stopInstances(ticker.nowMicros(), o.dontReleaseVrrp());
        } catch (RuntimeException e) {
            vrrpLog.info("Releasing the instances of the dead VRRP subsystem failed: " + Supervisor.describe(e));
        }
    }

    private boolean pause(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        synchronized (pauseLock) {
            while (!stopping && System.currentTimeMillis() < until) {
                pauseLock.wait(Math.max(1, until - System.currentTimeMillis()));
            }
        }
        return !stopping;
    }

    private boolean applyReload(KeepalivedConfig cfg) throws InterruptedException {
        CheckerSubsystem c = checker;
        if (c != null) {
            c.reload(cfg);
        }
        VrrpService svc = vrrp;
        if (svc == null) {
            return c != null;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        svc.loop().post(now -> {
            try {
                vrrpLog.info("Reloading");
                svc.reload(now, cfg);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;     // the loop dies and the supervisor restarts it with the new configuration
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("reload failed in the VRRP subsystem", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the VRRP subsystem did not apply the reload within 30 s");
        }
    }

    private void installSignals() {
        Runnable stop = () -> {
            // the VRRP loop starts its priority-0 adverts while "Stopping" is written; its own lines follow
            log.infoAfter(stopVrrpFirst, "Stopping");
            stopAll();
        };
        SignalDispatch.install(log, Map.of(
                SignalDispatch.TERM, stop,
                SignalDispatch.INT, stop,
                SignalDispatch.HUP, reloader::request,
                SignalDispatch.USR1, () -> onLoop((now, svc) -> dumps.data(now, reloader.config(), svc)),
                SignalDispatch.USR2, () -> onLoop((now, svc) -> dumps.stats(svc, false)),
                SignalDispatch.JSON, () -> onLoop((now, svc) -> dumps.json(now, svc)),
                SignalDispatch.STATS_CLEAR, () -> onLoop((now, svc) -> dumps.stats(svc, true))));
    }

    private void requestStop(VrrpService svc) {
        svc.requestStop(o.dontReleaseVrrp());
    }

    /** Run on the VRRP loop thread if the subsystem is up. */
    private void onLoop(java.util.function.BiConsumer<Long, VrrpService> task) {
        VrrpService svc = vrrp;
        if (svc != null) {
            svc.loop().post(now -> task.accept(now, svc));
        }
    }

    /** One loud line per configured feature this build does not implement (never silently ignored). */
    static List<String> unimplementedWarnings(KeepalivedConfig cfg) {
        return UnimplementedWarnings.of(cfg);
    }
}
