package org.keepalived4j.daemon;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.net.SdNotify;

/**
 * SIGHUP: read and check the configuration again on a thread of its own (the event loop keeps
 * sending adverts meanwhile), then hand a good one to the subsystem. A request that arrives
 * during a reload is queued, once, as keepalived's queue_reload() does.
 * <p>
 * A new configuration is rejected - and the running one kept - when keepalived would refuse to
 * start with it (main file unreadable, include failures, a missing parameter) or when it has
 * errors the running configuration did not have. keepalived 2.2.7 only refuses when
 * {@code reload_check_config} is set; otherwise it drops the bad lines and applies the rest,
 * which can stop a running MASTER over a typo (see docs/compatibility.md).
 */
final class Reloader {

    /** Applies a checked configuration to the running subsystem; returns false if nothing ran it. */
    @FunctionalInterface
    interface Apply {
        boolean apply(KeepalivedConfig cfg) throws InterruptedException;
    }

    private final DaemonLog log;
    private final Supplier<ConfigLoader.Result> load;
    private final Apply apply;
    private final SdNotify notifier;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reload");
        t.setDaemon(true);
        return t;
    });
    private volatile ConfigLoader.Result current;
    private boolean running;
    private boolean queued;

    Reloader(DaemonLog log, ConfigLoader.Result initial, Supplier<ConfigLoader.Result> load, Apply apply,
             SdNotify notifier) {
        this.log = log;
        this.current = initial;
        this.load = load;
        this.apply = apply;
        this.notifier = notifier;
    }

    /** The configuration in force. */
    KeepalivedConfig config() {
        return current.config();
    }

    /** From the signal handler: start a reload, or queue one behind the running reload. */
    synchronized void request() {
        if (running) {
            if (!queued) {
                log.info("Reload already in progress, request queued");
            }
            queued = true;
            return;
        }
        running = true;
        worker.execute(this::loop);
    }

    private void loop() {
        while (true) {
            reloadOnce();
            synchronized (this) {
                if (!queued) {
                    running = false;
                    return;
                }
                queued = false;
            }
        }
    }

    private void reloadOnce() {
        notifier.reloading();
        log.info("Reloading ...");
        ConfigLoader.Result next = load.get();
        List<String> problems = rejection(current, next, Diagnostic::message);
        if (!problems.isEmpty()) {
            next.diagnostics().all().forEach(d -> log.info(d.render()));
            log.info("New config failed validation - keeping the running configuration (" + String.join("; ", problems)
                    + ")");
            notifier.ready();
            return;
        }
        next.diagnostics().all().forEach(d -> log.info(d.render()));
        try {
            if (apply.apply(next.config())) {
                current = next;
                log.info("Reload complete");
            } else {
                log.info("Reload not applied: the VRRP subsystem is not running (it will start with the new"
                        + " configuration)");
                current = next;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.info("Reload failed: " + Supervisor.describe(e));
        }
        notifier.ready();
    }

    /** Why {@code next} must not replace {@code running}; empty when it may. */
    static List<String> rejection(ConfigLoader.Result running, ConfigLoader.Result next,
                                  Function<Diagnostic, String> text) {
        if (!next.mainFileRead()) {
            return List.of("cannot read the configuration file");
        }
        if (next.diagnostics().hadConfigFileError()) {
            return List.of("configuration file errors");
        }
        if (next.diagnostics().aborted()) {
            return List.of("a keyword is missing its parameter");
        }
        Set<String> known = running.diagnostics().errors().stream().map(text).collect(Collectors.toSet());
        return next.diagnostics().errors().stream().map(text).filter(m -> !known.contains(m))
                .map(m -> "new error: " + m).distinct().toList();
    }

    void shutdown() {
        worker.shutdownNow();
    }
}
