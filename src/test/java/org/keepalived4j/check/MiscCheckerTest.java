package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.util.ScriptOutcome;

/** misc_check_child_thread() (check_misc.c): exit codes, misc_dynamic weights, retries, timeouts. */
class MiscCheckerTest {
    static final String PFX = "Misc check for [[198.51.100.2]:tcp:80 VS [198.51.100.1]:tcp:80] by [/usr/local/bin/chk] ";

    @TempDir
    Path dir;

    CheckFixture fixture(String body) {
        return CheckFixture.started(dir, CheckFixture.oneRs("", "  MISC_CHECK {\n   misc_path \"/usr/local/bin/chk -x\"\n"
                + body + "  }\n"));
    }

    static ScriptOutcome exit(int s) {
        return new ScriptOutcome.Exited(s);
    }

    @Test
    void exitZeroIsUpExitOneIsDownWithRetryDisabledByDefault() {
        CheckFixture f = fixture("");
        MiscChecker c = f.checker(0);
        assertEquals(List.of("/usr/local/bin/chk", "-x"), c.script().args());
        assertEquals(10 * S, c.timeoutMicros(), "misc_timeout defaults to the virtual server's delay_loop");
        c.started(0);
        assertEquals(10 * S - 300_000, c.complete(exit(0), 300_000), "next run delay_loop after the last start");
        assertEquals(List.of(PFX + "succeeded."), f.log);
        c.started(10 * S);
        c.complete(exit(1), 10 * S + 1);
        assertEquals(PFX + "failed with retry disabled (exited with status 1).", f.log.get(1));
        assertEquals(List.of(RS + " DOWN 1"), f.events);
    }

    @Test
    void retriesAreAnnouncedOnlyWithLogAllFailures() {
        CheckFixture f = fixture("   retry 2\n   delay_before_retry 1\n   log_all_failures\n");
        MiscChecker c = f.checker(0);
        c.started(0);
        c.complete(exit(0), 1);
        c.started(10 * S);
        assertEquals(S - 5, c.complete(exit(1), 10 * S + 5), "the retry runs delay_before_retry after the start");
        c.started(11 * S);
        c.complete(exit(1), 11 * S);
        c.started(12 * S);
        c.complete(exit(1), 12 * S);
        assertEquals(List.of(PFX + "succeeded.",
                PFX + "failed, will do 2 retries (exited with status 1).",
                PFX + "failed on retry 1/2 (exited with status 1).",
                PFX + "failed after 2 retries (exited with status 1)."), f.log);
        assertEquals(List.of(RS + " DOWN 1"), f.events);
    }

    @Test
    void withoutLogAllFailuresRetriesAreSilent() {
        CheckFixture f = fixture("   retry 1\n");
        MiscChecker c = f.checker(0);
        c.complete(exit(0), 0);
        c.complete(exit(2), 0);
        assertEquals(1, f.log.size());
        c.complete(exit(2), 0);
        assertEquals(PFX + "failed after 1 retry (exited with status 2).", f.log.get(1),
                "exit 2 fails without misc_dynamic");
    }

    @Test
    void dynamicExitSetsTheWeightAsStatusMinusTwo() {
        CheckFixture f = fixture("   misc_dynamic\n");
        MiscChecker c = f.checker(0);
        c.complete(exit(7), 0);
        assertEquals(List.of(RS + " UP 5"), f.events, "weight 1 -> 5 while alive");
        assertEquals(List.of(PFX + "succeeded."), f.log);
        c.complete(exit(7), 0);
        assertEquals(1, f.events.size(), "same status: nothing");
        c.complete(exit(0), 0);
        assertEquals(RS + " UP 1", f.events.get(1), "status 0: the configured weight");
        c.complete(exit(255), 0);
        assertEquals(RS + " UP 253", f.events.get(2));
        c.complete(exit(1), 0);
        assertEquals(RS + " DOWN 253", f.events.get(3), "down carries the weight the receiver knows");
        c.complete(exit(4), 0);
        assertEquals(List.of(RS + " DOWN 2", RS + " UP 2"), f.events.subList(4, 6),
                "update_svr_wgt() while still inactive, then back up");
        assertTrue(f.rs(0, 0).alive());
    }

    @Test
    void aTimeoutIsLoggedAsTimedOutAndOtherSignalsWithTheirNumber() {
        CheckFixture f = fixture("   misc_timeout 3\n");
        MiscChecker c = f.checker(0);
        assertEquals(3 * S, c.timeoutMicros());
        c.complete(new ScriptOutcome.Signalled(15, ScriptOutcome.Stage.TERM_REQUESTED), 0);
        assertEquals(List.of(PFX + "timed out with retry disabled."), f.log);
        CheckFixture g = fixture("");
        g.<MiscChecker>checker(0).complete(new ScriptOutcome.Signalled(9, ScriptOutcome.Stage.RUNNING), 0);
        assertEquals(List.of(PFX + "failed with retry disabled (due to signal 9)."), g.log);
    }

    @Test
    void alphaStartsDownAndAScriptThatCannotRunCountsAsSuccess() {
        CheckFixture f = fixture("   alpha\n");
        MiscChecker c = f.checker(0);
        assertFalse(f.rs(0, 0).alive());
        c.complete(new ScriptOutcome.ExecFailed("2: No such file or directory"), 0);
        assertEquals(List.of("Error exec-ing command '/usr/local/bin/chk', error 2: No such file or directory",
                PFX + "succeeded."), f.log);
        assertEquals(List.of(RS + " UP 1"), f.events);
    }

    @Test
    void theNextRunIsNeverInThePast() {
        CheckFixture f = fixture("");
        MiscChecker c = f.checker(0);
        c.started(0);
        assertEquals(1, c.complete(exit(0), 20 * S), "a script that ran past delay_loop: run again at once");
    }
}
