package org.keepalived4j.daemon;

import java.io.IOException;

import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.ExitCodes;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.Unmodelled;
import org.keepalived4j.util.Ticker;

/**
 * The composition root: wires the VRRP service, logging and signals, and runs until SIGTERM or
 * SIGINT. Features that are configured but not implemented are announced at start-up.
 */
public final class Daemon {

    /** What the command line decided. */
    public record Options(boolean logDetail, boolean dontReleaseVrrp, String version) {
    }

    private Daemon() {
    }

    public static int run(Options o, KeepalivedConfig cfg, Iterable<Diagnostic> diagnostics) {
        DaemonLog log = DaemonLog.configure(o.logDetail());
        long pid = ProcessHandle.current().pid();
        log.info("Starting " + o.version());
        for (Diagnostic d : diagnostics) {
            log.info(d.render());
        }
        announceUnimplemented(log, cfg);
        Ticker ticker = () -> System.nanoTime() / 1000;
        VrrpService vrrp;
        try {
            vrrp = new VrrpService(log, ticker);
        } catch (IOException e) {
            log.info("Cannot start the VRRP subsystem: " + e.getMessage());
            return ExitCodes.FATAL;
        }
        vrrp.configure(cfg);
        EventLoop loop = vrrp.loop();
        Runnable stop = () -> loop.post(now -> {
            log.info("Stopping");
            vrrp.stopInstances(now, o.dontReleaseVrrp());
            loop.shutdown();
        });
        Signals.on("TERM", stop);
        Signals.on("INT", stop);
        Signals.on("HUP", () -> loop.post(now -> log.info("Reload (SIGHUP) is not implemented in this build - ignored")));
        Thread loopThread;
        try {
            log.info("Starting VRRP subsystem, pid=" + pid + " (in the same process)");
            loopThread = vrrp.start();
        } catch (IOException e) {
            log.info("Cannot start the VRRP subsystem: " + e.getMessage());
            vrrp.close();
            return ExitCodes.FATAL;
        }
        log.info("Startup complete");
        try {
            loopThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        vrrp.close();
        log.info("Stopped " + o.version());
        return ExitCodes.OK;
    }

    private static void announceUnimplemented(DaemonLog log, KeepalivedConfig cfg) {
        unimplementedWarnings(cfg).forEach(log::info);
    }

    /** One loud line per configured feature this build does not implement (never silently ignored). */
    static java.util.List<String> unimplementedWarnings(KeepalivedConfig cfg) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Unmodelled u : cfg.unmodelled()) {
            out.add("WARNING - '" + u.path() + "' (" + u.origin() + ") is accepted but NOT IMPLEMENTED in this build"
                    + " - it has no effect");
        }
        if (!cfg.virtualServers().isEmpty()) {
            out.add("WARNING - LVS / health checking is NOT IMPLEMENTED in this build: " + cfg.virtualServers().size()
                    + " virtual_server block(s) are not applied");
        }
        cfg.vrrpInstances().forEach(i -> {
            if (i.notifyScripts().all().findAny().isPresent() || !i.trackScripts().isEmpty()
                    || !i.trackInterfaces().isEmpty()) {
                out.add("WARNING - (" + i.name() + ") notify scripts and tracking are NOT IMPLEMENTED in this build"
                        + " - they have no effect");
            }
            if (!i.virtualRoutes().isEmpty() || !i.virtualRules().isEmpty()) {
                out.add("WARNING - (" + i.name() + ") virtual_routes / virtual_rules are NOT IMPLEMENTED in this build"
                        + " - they are not installed");
            }
            if (i.authentication().filter(a -> a.type() == org.keepalived4j.config.model.Authentication.Type.AH)
                    .isPresent()) {
                out.add("WARNING - (" + i.name() + ") AH authentication is NOT IMPLEMENTED in this build");
            }
        });
        if (!cfg.syncGroups().isEmpty()) {
            out.add("WARNING - vrrp_sync_group is NOT IMPLEMENTED in this build: instances run independently");
        }
        if (!cfg.staticAddresses().isEmpty() || !cfg.staticRoutes().isEmpty() || !cfg.staticRules().isEmpty()) {
            out.add("WARNING - static_ipaddress/static_routes/static_rules are NOT IMPLEMENTED in this build");
        }
        return out;
    }
}
