package org.keepalived4j.check;

import java.util.List;
import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.util.ScriptOutcome;

/**
 * MISC_CHECK (check_misc.c): a script run in its own process group; exit 0 is success, with
 * misc_dynamic an exit status of 2..255 is success with weight status - 2, anything else a
 * failure; after misc_timeout (default: the virtual server's delay_loop) it is killed. The next
 * run is timed from the start of the previous one.
 */
public final class MiscChecker extends Checker {
    private final CheckerConfig.MiscCheck misc;
    private final Script script;
    private final long timeoutMicros;
    private int lastExitCode;
    private long lastRanMicros;

    /** @param timeoutMicros misc_timeout, or the virtual server's delay_loop when unset or 0 */
    public MiscChecker(CheckerConfig.MiscCheck misc, CheckerSettings settings, long timeoutMicros, RsHealth rs,
                       Consumer<String> log) {
        super(misc, settings, rs, log);
        this.misc = misc;
        this.script = misc.script().orElseThrow(() -> new IllegalArgumentException("MISC_CHECK without misc_path"));
        this.timeoutMicros = timeoutMicros;
    }

    public Script script() {
        return script;
    }

    public long timeoutMicros() {
        return timeoutMicros;
    }

    /** The script was started (last_ran). */
    public void started(long nowMicros) {
        lastRanMicros = nowMicros;
    }

    /**
     * The script ended (misc_check_child_thread()). A script that could not be started counts as
     * a success: keepalived's child logs the error and exits 0 ("Script errors aren't server
     * errors", system_call_script()).
     *
     * @return microseconds until the next run
     */
    public long complete(ScriptOutcome outcome, long nowMicros) {
        if (outcome instanceof ScriptOutcome.ExecFailed f) {
            log.accept(CheckMessages.execFailed(script.command(), f.error()));
            outcome = new ScriptOutcome.Exited(0);   // the child's exit 0 after the failed exec
        }
        if (outcome instanceof ScriptOutcome.Exited e) {
            exited(e.status());
        } else {
            signalled((ScriptOutcome.Signalled) outcome);
        }
        markRun();
        long next = lastRanMicros + (retryIt > 0 ? settings().delayBeforeRetryMicros() : settings().delayLoopMicros());
        return Math.max(1, next - nowMicros);
    }

    private void exited(int status) {
        if (status == 0 || (misc.dynamic() && status >= 2 && status <= 255)) {
            if (status != lastExitCode) {
                long weight = rs().effectiveWeight() - curWeight;
                curWeight = status != 0 ? status - 2 - rs().iweight() : 0;
                rs().updateWeight(weight + curWeight);
                lastExitCode = status;
            }
            boolean report = !isUp() || !hasRun();
            retryIt = 0;
            if (report) {
                report("succeeded", true, false, null, 0);
            }
        } else if (isUp() || !hasRun()) {
            boolean messageOnly = false;
            long drop = 0;
            if (retryIt < settings().retry()) {
                retryIt++;
                if (!logAllFailures()) {
                    return;
                }
                messageOnly = true;
            } else {
                retryIt = 0;
                drop = curWeight;
                curWeight = 0;
                lastExitCode = status;
            }
            report("failed", false, messageOnly, "exited with status", status);
            // keepalived drops the dynamic weight without update_svr_wgt(): the down verdict above
            // still carries the weight the receiver knows
            rs().adjustWeightQuietly(-drop);
        }
    }

    private void signalled(ScriptOutcome.Signalled s) {
        if (!isUp() && hasRun()) {
            return;
        }
        boolean messageOnly = false;
        if (retryIt < settings().retry()) {
            retryIt++;
            if (!logAllFailures()) {
                return;
            }
            messageOnly = true;
        } else {
            retryIt = 0;
        }
        if (s.timedOut()) {
            report("timed out", false, messageOnly, null, 0);
        } else {
            report("failed", false, messageOnly, "due to signal", s.signal());
        }
    }

    private void report(String result, boolean success, boolean messageOnly, String reason, int code) {
        String retryText = success ? "" : CheckMessages.miscRetryText(settings().retry(), retryIt);
        log.accept(CheckMessages.misc(display(), rs().ref().vsDisplay(), script.command(), result, retryText, reason,
                code));
        if (!messageOnly) {
            rs().updateCheckerState(this, success);
            if (!success) {
                curWeight = 0;
            }
        }
    }

    /** migrate_misc_check(): the last exit status and the weight it set. */
    @Override
    protected void migrateTypeState(Checker old) {
        MiscChecker o = (MiscChecker) old;
        lastExitCode = o.lastExitCode;
        lastRanMicros = o.lastRanMicros;
        if (misc.dynamic() && o.lastExitCode != 1) {
            // keepalived sets -iweight for status 0 here; 0 is the weight status 0 stands for
            curWeight = o.lastExitCode != 0 ? o.lastExitCode - 2 - rs().iweight() : 0;
        }
    }

    /** compare_misc_check(): misc_dynamic and the script (command, arguments, user). */
    @Override
    public boolean sameAs(Checker other) {
        return other instanceof MiscChecker m && m.misc.dynamic() == misc.dynamic() && m.script.args().equals(script.args())
                && m.script.user().equals(script.user()) && m.script.group().equals(script.group());
    }
}
