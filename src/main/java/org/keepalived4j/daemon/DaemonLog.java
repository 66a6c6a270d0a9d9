package org.keepalived4j.daemon;


import org.keepalived4j.daemon.log.Identity;
import org.keepalived4j.daemon.log.LogContext;
import org.keepalived4j.daemon.log.LogOptions;
import org.keepalived4j.daemon.log.LogRouter;
import org.keepalived4j.daemon.log.Severity;
import org.keepalived4j.daemon.log.Slf4jBridge;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * keepalived-style logging for one syslog identity ({@code Keepalived}, {@code Keepalived_vrrp},
 * {@code Keepalived_healthcheckers}): each line goes once to the console ({@code -l}:
 * {@code Wed Nov 25 07:13:27 2026: (VI_1) Entering MASTER STATE}) and once to syslog (unless
 * {@code -G}: {@code <30>Nov 25 07:13:27 Keepalived_vrrp[PID]: (VI_1) Entering MASTER STATE});
 * {@link #detail} lines only with {@code -D}. The sinks and formats are in
 * {@link org.keepalived4j.daemon.log}. Thread-safe; never throws, never blocks on syslog.
 */
public final class DaemonLog implements LogPort {

    /**
     * The process's three loggers, sharing one set of sinks.
     *
     * @param parent  {@code Keepalived}: Starting..., Startup complete, Stopping, Stopped,
     *                Reloading, configuration diagnostics
     * @param vrrp    {@code Keepalived_vrrp}: VRRP instances
     * @param checker {@code Keepalived_healthcheckers}: LVS / checkers
     * @param router  the sinks (close at exit; {@link LogRouter#stderr} for lines that must reach stderr)
     */
    public record Logs(DaemonLog parent, DaemonLog vrrp, DaemonLog checker, LogRouter router) implements AutoCloseable {
        @Override
        public void close() {
            router.close();
        }
    }

    private final LogRouter router;
    private final Identity identity;

    private DaemonLog(LogRouter router, Identity identity) {
        this.router = router;
        this.identity = identity;
    }

    /**
     * Opens the sinks {@code options} ask for on this process (stderr, the system clock, our pid)
     * and routes slf4j there too. Call once at start-up; close the result at exit.
     */
    public static Logs configure(LogOptions options) {
        return configure(options, LogContext.system());
    }

    /** As {@link #configure(LogOptions)}, with the process facts given (tests). */
    public static Logs configure(LogOptions options, LogContext context) {
        LogRouter router = LogRouter.open(options, context);
        Slf4jBridge.install(router);
        return new Logs(new DaemonLog(router, Identity.PARENT), new DaemonLog(router, Identity.VRRP),
                new DaemonLog(router, Identity.CHECKER), router);
    }

    /** The syslog ident of this logger, e.g. {@code Keepalived_vrrp}. */
    public String ident() {
        return router.ident(identity);
    }

    /** True with {@code -D}: {@link #detail} lines are written. */
    public boolean detailEnabled() {
        return router.detail();
    }

    /** Writes {@code line} at {@code severity} (keepalived's {@code log_message(LOG_xxx, ...)}). */
    public void log(Severity severity, String line) {
        router.write(identity, severity, line);
    }

    @Override
    public void info(String line) {
        router.write(identity, Severity.INFO, line);
    }

    @Override
    public void hold() {
        router.hold();
    }

    @Override
    public void release() {
        router.release();
    }

    /** Runs {@code first}, then logs {@code line} before any line the work it started logs ({@link LogRouter#writeAfter}). */
    public void infoAfter(Runnable first, String line) {
        router.writeAfter(first, identity, Severity.INFO, line);
    }

    /** LOG_INFO, only with -D (keepalived's {@code if (__test_bit(LOG_DETAIL_BIT, &debug))} lines). */
    @Override
    public void detail(String line) {
        if (router.detail()) {
            router.write(identity, Severity.INFO, line);
        }
    }

    @Override
    public void notice(String line) {
        router.write(identity, Severity.NOTICE, line);
    }

    @Override
    public void warning(String line) {
        router.write(identity, Severity.WARNING, line);
    }

    @Override
    public void error(String line) {
        router.write(identity, Severity.ERR, line);
    }

    @Override
    public void alert(String line) {
        router.write(identity, Severity.ALERT, line);
    }
}
