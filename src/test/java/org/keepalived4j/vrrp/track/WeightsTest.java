package org.keepalived4j.vrrp.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** keepalived's priority arithmetic (vrrp_track.c, track_file.c). */
class WeightsTest {

    @Test
    void positiveWeightsCountWhileUpNegativeWhileDown() {
        assertEquals(10, Weights.contribution(10, false, true));
        assertEquals(0, Weights.contribution(10, false, false));
        assertEquals(0, Weights.contribution(-10, false, true));
        assertEquals(-10, Weights.contribution(-10, false, false));
    }

    @Test
    void reverseNegatesTheContribution() {
        assertEquals(-10, Weights.contribution(10, true, true));
        assertEquals(0, Weights.contribution(10, true, false));
        assertEquals(0, Weights.contribution(-10, true, true));
        assertEquals(10, Weights.contribution(-10, true, false));
    }

    @Test
    void effectivePriorityIsClampedAndAnOwnerNeverChanges() {
        assertEquals(1, Weights.effective(100, -50));
        assertEquals(254, Weights.effective(100, 400));
        assertEquals(254, Weights.effective(254, 255));
        assertEquals(90, Weights.effective(100, 90));
        assertEquals(255, Weights.effective(255, 100));
    }

    @Test
    void unweightedObjectsFaultWhileDownOrWhileUpReversed() {
        assertTrue(Weights.faults(false, false));
        assertFalse(Weights.faults(false, true));
        assertTrue(Weights.faults(true, true));
    }

    @Test
    void trackFileValuesAreMultipliedAndClamped() {
        assertEquals(-30, Weights.fileStatus(3, -10, false));
        assertEquals(30, Weights.fileStatus(3, -10, true));
        assertEquals(253, Weights.fileStatus(1000, 1, false));
        assertEquals(-254, Weights.fileStatus(-1000, 1, false), "-254 or less faults");
        assertEquals(-254, Weights.fileStatus(5, 0, false), "weight 0: non-zero faults");
        assertEquals(0, Weights.fileStatus(0, 0, false));
        assertEquals(-254, Weights.fileStatus(0, 0, true), "weight 0 reverse: zero faults");
        assertEquals(253, Weights.fileStatus(Integer.MAX_VALUE + 1L, 254, false), "no overflow");
    }

    @Test
    void anInstanceSumsItsTrackedObjects() {
        InstanceTracking t = new InstanceTracking("VI_1", 100, List.of(Tracked.iface("eth0", 0, false),
                Tracked.script("chk", -10, false), Tracked.iface("eth1", 20, false), Tracked.file("f", 5, false)));
        t.interfaceState("eth0", true);
        t.interfaceState("eth1", false);
        assertEquals(new InstanceTracking.Verdict(100, false, false), t.verdict(), "script unknown: no contribution");
        t.scriptState("chk", false);
        t.fileValue("f", 3);
        assertEquals(new InstanceTracking.Verdict(105, false, false), t.verdict(), "100 - 10 + 15");
        t.interfaceState("eth1", true);
        t.scriptState("chk", true);
        assertEquals(new InstanceTracking.Verdict(135, false, false), t.verdict());
        t.interfaceState("eth0", false);
        assertEquals(new InstanceTracking.Verdict(135, true, false), t.verdict(), "own interface down: FAULT");
        assertEquals(List.of("(VI_1): entering FAULT state (interface eth0 down)"), t.initialFaultLines());
    }

    @Test
    void anUnweightedScriptThatHasNotReportedKeepsTheInstancePending() {
        InstanceTracking t = new InstanceTracking("VI_1", 100, List.of(Tracked.script("chk", 0, false)));
        assertEquals(new InstanceTracking.Verdict(100, false, true), t.verdict());
        t.scriptState("chk", false);
        assertEquals(new InstanceTracking.Verdict(100, true, false), t.verdict());
        assertEquals(List.of("(VI_1): entering FAULT state due to script chk"), t.initialFaultLines());
        t.scriptState("chk", true);
        assertTrue(t.verdict().up());
    }

    @Test
    void aTrackFileAtMinus254FaultsTheInstance() {
        InstanceTracking t = new InstanceTracking("VI_1", 100, List.of(Tracked.file("f", 1, false)));
        t.fileValue("f", -300);
        assertEquals(new InstanceTracking.Verdict(100, true, false), t.verdict(), "no weight while faulting");
        assertEquals(List.of("(VI_1): entering FAULT state (tracked file f has status -254)"), t.initialFaultLines());
    }

    @Test
    void anOwnerIgnoresWeightsButNotFaults() {
        InstanceTracking t = new InstanceTracking("VI_1", 255, List.of(Tracked.script("chk", -50, false),
                Tracked.iface("eth1", 0, false)));
        t.scriptState("chk", false);
        t.interfaceState("eth1", true);
        assertEquals(new InstanceTracking.Verdict(255, false, false), t.verdict());
        assertEquals(255, t.totalPriority());
        t.interfaceState("eth1", false);
        assertTrue(t.verdict().faulted());
    }

    @Test
    void theLinesArePinned() {
        assertEquals("(VI_1) Changing effective priority from 100 to 90", TrackMessages.changingEffectivePriority("VI_1", 100, 90));
        assertEquals("(VI_1) entering FAULT state", TrackMessages.initEnteringFault("VI_1"));
        assertEquals("Track script chk is already running, expect idle - skipping run", TrackMessages.scriptNotIdle("chk", false));
        assertEquals("Track script chk is being timed out, expect idle - skipping run", TrackMessages.scriptNotIdle("chk", true));
        assertEquals("Script chk child (PID 12) failed to terminate after kill", TrackMessages.scriptFailedToTerminate("chk", 12));
        assertEquals("(VI_1) ignoring tracked script chk with weights due to address_owner",
                TrackMessages.ownerIgnoresScript("VI_1", "chk"));
    }
}
