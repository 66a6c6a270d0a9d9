package org.keepalived4j.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** fall/rise counting and the lines of vrrp_script_child_thread(), as keepalived 2.2.7 logs them. */
class ScriptHysteresisTest {

    @Test
    void theFirstResultDecidesEitherWay() {
        ScriptHysteresis ok = new ScriptHysteresis("chk", 3, 3);
        assertEquals(new ScriptHysteresis.Report(List.of("VRRP_Script(chk) succeeded"), Optional.of(true)), ok.exited(0));
        ScriptHysteresis bad = new ScriptHysteresis("chk", 3, 3);
        assertEquals(new ScriptHysteresis.Report(List.of("Script `chk` now returning 1",
                "VRRP_Script(chk) failed (exited with status 1)"), Optional.of(false)), bad.exited(1));
        assertEquals(Optional.of(false), bad.state());
    }

    @Test
    void fallFailuresInARowFailAndRiseSuccessesRecover() {
        ScriptHysteresis h = new ScriptHysteresis("chk", 2, 3);
        h.exited(0);
        assertEquals(Optional.empty(), h.exited(1).nowOk(), "1st failure");
        assertEquals(Optional.empty(), h.exited(1).nowOk(), "2nd failure");
        ScriptHysteresis.Report third = h.exited(1);
        assertEquals(Optional.of(false), third.nowOk(), "fall 3");
        assertEquals(List.of("VRRP_Script(chk) failed (exited with status 1)"), third.lines(),
                "'now returning' only when the status changes");
        assertEquals(Optional.empty(), h.exited(1).nowOk(), "still failed: nothing new");
        ScriptHysteresis.Report one = h.exited(0);
        assertEquals(new ScriptHysteresis.Report(List.of("Script `chk` now returning 0"), Optional.empty()), one);
        assertEquals(new ScriptHysteresis.Report(List.of("VRRP_Script(chk) succeeded"), Optional.of(true)), h.exited(0),
                "rise 2");
    }

    @Test
    void aSuccessBetweenFailuresRestartsTheFallCount() {
        ScriptHysteresis h = new ScriptHysteresis("chk", 1, 2);
        h.exited(0);
        h.exited(1);
        h.exited(0);
        assertEquals(Optional.empty(), h.exited(1).nowOk());
        assertEquals(Optional.of(false), h.exited(1).nowOk());
    }

    @Test
    void timeoutsAndSignalsAreFailures() {
        ScriptHysteresis h = new ScriptHysteresis("chk", 1, 1);
        h.exited(0);
        assertEquals(new ScriptHysteresis.Report(List.of("VRRP_Script(chk) timed_out"), Optional.of(false)),
                h.signalled(15, true));
        ScriptHysteresis k = new ScriptHysteresis("chk", 1, 1);
        assertEquals(new ScriptHysteresis.Report(List.of("VRRP_Script(chk) failed (due to signal 9)"), Optional.of(false)),
                k.signalled(9, false));
    }

    @Test
    void aScriptThatCannotBeExecutedCountsAsSuccessAsInKeepalived() {
        ScriptHysteresis h = new ScriptHysteresis("chk", 1, 1);
        assertEquals(new ScriptHysteresis.Report(List.of("Error exec-ing command '/nope', error 2: No such file or directory",
                "VRRP_Script(chk) succeeded"), Optional.of(true)), h.execFailed("/nope", "2: No such file or directory"));
    }
}
