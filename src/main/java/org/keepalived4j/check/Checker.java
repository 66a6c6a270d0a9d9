package org.keepalived4j.check;

import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/**
 * The state keepalived keeps in checker_t for one checker of a real server, and the parts of the
 * algorithm every checker shares. Subclasses are the pure state machines of one checker type:
 * an attempt's outcome goes in, log lines, up/down verdicts (through {@link RsHealth}) and the
 * delay before the next attempt come out. Single-threaded; no I/O, no clock of its own.
 */
public abstract sealed class Checker permits TcpChecker, HttpChecker, MiscChecker, FileChecker, SmtpChecker, DnsChecker, UdpChecker, PingChecker {
    private final CheckerConfig config;
    private final CheckerSettings settings;
    private final RsHealth rs;
    protected final Consumer<String> log;
    private boolean up = true;
    private boolean hasRun;
    protected long retryIt;
    protected long curWeight;

    protected Checker(CheckerConfig config, CheckerSettings settings, RsHealth rs, Consumer<String> log) {
        this.config = config;
        this.settings = settings;
        this.rs = rs;
        this.log = log;
    }

    public CheckerConfig config() {
        return config;
    }

    public CheckerSettings settings() {
        return settings;
    }

    public RsHealth rs() {
        return rs;
    }

    /** FMT_CHK. */
    public String display() {
        return rs.ref().display();
    }

    public boolean isUp() {
        return up;
    }

    public boolean hasRun() {
        return hasRun;
    }

    public long retryIt() {
        return retryIt;
    }

    void setUp(boolean up) {
        this.up = up;
    }

    void markRun() {
        hasRun = true;
    }

    /**
     * validate_check_config() at start-up (not on reload): an alpha checker starts failed and its
     * real server down; any checker needs only one failure to go down initially.
     */
    void initialiseAtStart() {
        if (settings.alpha()) {
            rs.setCheckerState(this, false);
            rs.initialise(false, rs.effectiveWeight());
        }
        retryIt = settings.retry();
    }

    /** migrate_checkers(): take over the state of an equal checker of the previous configuration. */
    void migrateFrom(Checker old) {
        if (old.hasRun && old.up != up) {
            rs.setCheckerState(this, old.up);
        }
        hasRun = old.hasRun;
        long retry = settings.retry();
        if (old.retryIt > 0 && retry > 0) {
            retryIt = old.retryIt >= retry ? retry - 1 : old.retryIt;
        }
        migrateTypeState(old);
    }

    /** Type-specific part of migrate_checkers() (MISC_CHECK's last exit status and weight). */
    protected void migrateTypeState(Checker old) {
    }

    /** migrate_checkers(): a checker that has not run, on a real server with failures. */
    void requireOneFailure() {
        if (!hasRun) {
            if (settings.alpha()) {
                rs.setCheckerState(this, false);
            }
            retryIt = settings.retry();
        }
    }

    /** The compare function of the checker type (compare_*_check()): may the state migrate? */
    public abstract boolean sameAs(Checker other);

    protected boolean logAllFailures() {
        return settings.logAllFailures();
    }

    /**
     * The epilog keepalived's UDP_CHECK and PING_CHECK share (udp_epilog(), icmp_epilog()): a
     * success, or the retries used up by a checker that is up or has not run yet, decides the
     * state (logging only a change); a failure of an up checker with retries left retries after
     * delay_before_retry.
     *
     * @param succeeded the success line (built only when logged)
     * @param failed    the failure line for the retries to report (0 on a first run or without retry)
     * @return microseconds until the next attempt
     */
    protected long retryEpilog(boolean success, java.util.function.Supplier<String> succeeded,
                              java.util.function.LongFunction<String> failed) {
        long delay = settings.delayLoopMicros();
        long retry = settings.retry();
        if (success || ((isUp() || !hasRun()) && retryIt >= retry)) {
            retryIt = 0;
            if (success && (!isUp() || !hasRun())) {
                log.accept(succeeded.get());
                rs.updateCheckerState(this, true);
            } else if (!success && (isUp() || !hasRun())) {
                log.accept(failed.apply(retry > 0 && hasRun() ? retry : 0));
                rs.updateCheckerState(this, false);
            }
        } else if (isUp()) {
            delay = settings.delayBeforeRetryMicros();
            retryIt++;
        }
        markRun();
        return delay;
    }
}
