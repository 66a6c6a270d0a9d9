package org.keepalived4j.daemon;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.net.LinuxIpvsPort;
import org.keepalived4j.net.ipvs.IpvsException;
import org.keepalived4j.net.ipvs.LinuxIpvs;
import org.keepalived4j.util.Ticker;

/**
 * Runs and supervises the checker subsystem ({@link CheckerService}). Without IPVS in the
 * kernel it logs keepalived's {@code IPVS: Can't initialize ipvs: ...} once and does not run;
 * unlike keepalived, whose parent then terminates, the VRRP subsystem keeps running.
 */
final class CheckerSubsystem {
    private final DaemonLog log;
    private final DaemonLog parent;
    private final boolean respawn;
    private final boolean keepIpvs;
    private final Supplier<KeepalivedConfig> config;
    private final BooleanSupplier stopping;
    private final Supervisor.Pause pause;
    private final Runnable started;
    private final Ticker ticker = () -> System.nanoTime() / 1000;
    private volatile CheckerService current;
    private boolean announced;

    CheckerSubsystem(DaemonLog log, DaemonLog parent, boolean respawn, boolean keepIpvs,
                     Supplier<KeepalivedConfig> config, BooleanSupplier stopping, Supervisor.Pause pause,
                     Runnable started) {
        this.log = log;
        this.parent = parent;
        this.respawn = respawn;
        this.keepIpvs = keepIpvs;
        this.config = config;
        this.stopping = stopping;
        this.pause = pause;
        this.started = started;
    }

    /** @return false when the subsystem died for good (respawn disabled) */
    boolean run() {
        Supervisor s = new Supervisor("Healthcheck", parent, respawn, System::currentTimeMillis, pause, stopping);
        try {
            boolean stopped = s.supervise(this::life);
            if (stopped) {
                StoppedLine.log(log, log.detailEnabled());
            }
            return stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            startedOnce();
        }
    }

    private synchronized void startedOnce() {
        if (!announced) {
            announced = true;
            started.run();
        }
    }

    private Optional<Throwable> life() throws InterruptedException {
        LinuxIpvs ipvs;
        try {
            ipvs = LinuxIpvs.open();
        } catch (IpvsException e) {
            log.info(e.getMessage());
            log.info("The checker subsystem cannot run without IPVS: virtual_server blocks are not applied"
                    + " (the VRRP subsystem keeps running)");
            return Optional.empty();
        }
        try (LinuxIpvsPort port = new LinuxIpvsPort(ipvs)) {
            CheckerService svc = new CheckerService(log, port, LinuxIpvsPort::canonical, ticker,
                    org.keepalived4j.net.LinuxAddressMonitor::start);
            try {
                svc.start(config.get());
            } catch (java.io.IOException | RuntimeException e) {
                return Optional.of(e);
            }
            current = svc;
            startedOnce();
            if (stopping.getAsBoolean()) {
                stop();
            }
            Optional<Throwable> death = svc.awaitTermination();
            current = null;
            return death;
        }
    }

    /** SIGTERM: remove the configured IPVS entries (kept with -I) and stop. */
    void stop() {
        CheckerService svc = current;
        if (svc != null) {
            svc.loop().post(now -> svc.stop(keepIpvs));
        }
    }

    /** SIGHUP with a checked configuration. */
    void reload(KeepalivedConfig cfg) {
        CheckerService svc = current;
        if (svc != null) {
            svc.reload(cfg);
        }
    }
}
