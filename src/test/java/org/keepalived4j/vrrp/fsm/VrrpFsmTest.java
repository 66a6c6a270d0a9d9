package org.keepalived4j.vrrp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The state machine driven by hand: time is a number, nothing sleeps. */
class VrrpFsmTest {
    static final long S = 1_000_000;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static VrrpFsm fsm(int version, int prio, long advert, boolean nopreempt, long preemptDelay) {
        return new VrrpFsm(new VrrpFsm.Params("VI_1", version, prio, advert, ip("198.51.100.12"), false, nopreempt,
                preemptDelay, false, false, 3));
    }

    static List<String> logs(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof Action.Log).map(a -> ((Action.Log) a).line()).toList();
    }

    @Test
    void timerFormulasMatchKeepalived() {
        assertEquals(609_375, Timers.skewMicros(2, 100, S), "v2: (256-100)/256 s");
        assertEquals(3_609_375, Timers.masterDownMicros(2, 100, S, 3));
        assertEquals(30_468, Timers.skewMicros(3, 100, 50_000), "v3 at 50 ms: 30.5 ms as measured on keepalived");
        assertEquals(180_468, Timers.masterDownMicros(3, 100, 50_000, 3));
        assertEquals(3_906, Timers.skewMicros(3, 255, S));
    }

    @Test
    void backupTakesOverAfterMasterDownInterval() {
        VrrpFsm f = fsm(2, 100, S, false, 0);
        assertEquals(List.of("(VI_1) Entering BACKUP STATE (init)"), logs(f.start(0, false)));
        assertEquals(3_609_375, f.nextDeadline());
        assertTrue(f.timerExpired(3_609_374).isEmpty(), "not yet");
        List<Action> a = f.timerExpired(3_609_375);
        assertEquals(List.of(new Action.Log("(VI_1) Receive advertisement timeout", true), new Action.SendAdvert(100),
                new Action.Log("(VI_1) Entering MASTER STATE", false), new Action.Log("(VI_1) setting VIPs.", true),
                new Action.AddVips(), new Action.StateChange(VrrpState.BACKUP, VrrpState.MASTER)), a);
        assertEquals(VrrpState.MASTER, f.state());
        assertEquals(List.of(new Action.SendAdvert(100)), f.timerExpired(3_609_375 + S));
    }

    @Test
    void higherPriorityAdvertsKeepABackupQuiet() {
        VrrpFsm f = fsm(2, 100, S, false, 0);
        f.start(0, false);
        for (long t = S; t < 20 * S; t += S) {
            assertTrue(f.advertReceived(t, new VrrpFsm.Advert(ip("198.51.100.11"), 150, S)).isEmpty());
            assertTrue(f.timerExpired(t).isEmpty());
        }
        assertEquals(VrrpState.BACKUP, f.state());
    }

    @Test
    void lowerPriorityAdvertIsDiscardedAndWePreemptWhenTheTimerFires() {
        VrrpFsm f = fsm(2, 150, S, false, 0);
        f.start(0, false);
        long deadline = f.nextDeadline();
        assertEquals(List.of("(VI_1) received lower priority (100) advert from 198.51.100.11 - discarding"),
                logs(f.advertReceived(S, new VrrpFsm.Advert(ip("198.51.100.11"), 100, S))));
        assertEquals(deadline, f.nextDeadline(), "timer not reset by a lower priority advert");
        f.timerExpired(deadline);
        assertEquals(VrrpState.MASTER, f.state());
    }

    @Test
    void nopreemptAcceptsLowerPriorityMaster() {
        VrrpFsm f = fsm(2, 150, S, true, 0);
        f.start(0, false);
        for (long t = S; t < 20 * S; t += S) {
            f.advertReceived(t, new VrrpFsm.Advert(ip("198.51.100.11"), 100, S));
            f.timerExpired(t);
        }
        assertEquals(VrrpState.BACKUP, f.state());
    }

    @Test
    void preemptDelayHoldsOffThenPreempts() {
        VrrpFsm f = fsm(2, 150, S, false, 10 * S);
        f.start(0, false);
        long t = S;
        for (; t <= 10 * S; t += S) {
            assertTrue(logs(f.advertReceived(t, new VrrpFsm.Advert(ip("198.51.100.11"), 100, S))).isEmpty(), "t=" + t);
            f.timerExpired(t);
        }
        assertEquals(VrrpState.BACKUP, f.state());
        assertEquals(1, logs(f.advertReceived(12 * S, new VrrpFsm.Advert(ip("198.51.100.11"), 100, S))).size());
        f.timerExpired(f.nextDeadline());
        assertEquals(VrrpState.MASTER, f.state());
    }

    @Test
    void priorityZeroShortensTheTimerToSkewTime() {
        VrrpFsm f = fsm(2, 100, S, false, 0);
        f.start(0, false);
        f.advertReceived(S, new VrrpFsm.Advert(ip("198.51.100.11"), 0, S));
        assertEquals(S + 609_375, f.nextDeadline());
    }

    @Test
    void masterYieldsToHigherPriority() {
        VrrpFsm f = fsm(3, 100, S, false, 0);
        f.start(0, false);
        f.timerExpired(f.nextDeadline());
        List<Action> a = f.advertReceived(10 * S, new VrrpFsm.Advert(ip("198.51.100.11"), 150, 50_000));
        assertEquals(List.of("(VI_1) Master received advert from 198.51.100.11 with higher priority 150, ours 100",
                "(VI_1) Entering BACKUP STATE", "(VI_1) removing VIPs."), logs(a));
        assertTrue(a.contains(new Action.RemoveVips()));
        assertEquals(VrrpState.BACKUP, f.state());
        assertEquals(50_000, f.masterAdverIntMicros(), "v3 learns Master_Adver_Interval");
        assertEquals(10 * S + 180_468, f.nextDeadline());
    }

    @Test
    void masterAnswersLowerPriorityWithAnAdvert() {
        VrrpFsm f = fsm(2, 150, S, false, 0);
        f.start(0, false);
        f.timerExpired(f.nextDeadline());
        List<Action> a = f.advertReceived(10 * S, new VrrpFsm.Advert(ip("198.51.100.11"), 100, S));
        assertEquals(List.of(new Action.Log("(VI_1) Received advert from 198.51.100.11 with lower priority 100, ours 150,"
                + " forcing new election", false), new Action.SendAdvert(150)), a);
        assertEquals(VrrpState.MASTER, f.state());
    }

    @Test
    void equalPriorityHigherAddressWins() {
        VrrpFsm f = fsm(2, 100, S, false, 0);
        f.start(0, false);
        f.timerExpired(f.nextDeadline());
        f.advertReceived(10 * S, new VrrpFsm.Advert(ip("198.51.100.11"), 100, S));
        assertEquals(VrrpState.MASTER, f.state(), "198.51.100.11 < our 198.51.100.12");
        List<Action> a = f.advertReceived(11 * S, new VrrpFsm.Advert(ip("198.51.100.13"), 100, S));
        assertEquals("(VI_1) Master received advert from 198.51.100.13 with same priority 100 but higher IP address"
                + " than ours", logs(a).get(0));
        assertEquals(VrrpState.BACKUP, f.state());
    }

    @Test
    void stoppingMasterSendsPriorityZero() {
        VrrpFsm f = fsm(2, 150, S, false, 0);
        f.start(0, false);
        f.timerExpired(f.nextDeadline());
        List<Action> a = f.stop(20 * S, false);
        assertEquals(new Action.SendAdvert(0), a.get(0));
        assertEquals(List.of("(VI_1) sent 0 priority", "(VI_1) removing VIPs."), logs(a));
        assertTrue(a.stream().filter(x -> x instanceof Action.Log).allMatch(x -> ((Action.Log) x).detail()),
                "keepalived logs both lines only with -D (a plain stop logs neither)");
        assertTrue(a.contains(new Action.RemoveVips()));
    }

    @Test
    void stopWithDontReleaseKeepsVips() {
        VrrpFsm f = fsm(2, 150, S, false, 0);
        f.start(0, false);
        f.timerExpired(f.nextDeadline());
        assertTrue(f.stop(20 * S, true).stream().noneMatch(x -> x instanceof Action.RemoveVips || x instanceof Action.SendAdvert));
    }

    @Test
    void addressOwnerConfiguredMasterTakesOverAtOnce() {
        VrrpFsm f = new VrrpFsm(new VrrpFsm.Params("VI_1", 2, 255, S, ip("198.51.100.12"), true, false, 0, false, false, 3));
        f.start(5, false);
        List<Action> a = f.timerExpired(5);
        assertEquals(VrrpState.MASTER, f.state());
        assertEquals(List.of("(VI_1) Entering MASTER STATE", "(VI_1) setting VIPs."), logs(a));
    }

    @Test
    void stateMasterBelow255StillStartsAsBackup() {
        VrrpFsm f = new VrrpFsm(new VrrpFsm.Params("VI_1", 2, 150, S, ip("198.51.100.12"), true, false, 0, false, false, 3));
        f.start(0, false);
        assertTrue(f.timerExpired(S).isEmpty());
        assertEquals(VrrpState.BACKUP, f.state());
    }

    @Test
    void faultReleasesMastershipAndRecoversToBackup() {
        VrrpFsm f = fsm(2, 150, S, false, 0);
        f.start(0, false);
        f.timerExpired(f.nextDeadline());
        List<Action> a = f.fault(10 * S);
        assertEquals(VrrpState.FAULT, f.state());
        assertTrue(a.contains(new Action.SendAdvert(0)));
        assertTrue(a.contains(new Action.RemoveVips()));
        assertTrue(f.advertReceived(11 * S, new VrrpFsm.Advert(ip("198.51.100.11"), 100, S)).isEmpty(), "ignored in FAULT");
        assertEquals(List.of("(VI_1) Entering BACKUP STATE"), logs(f.faultCleared(12 * S)));
        assertEquals(12 * S + 3_414_062, f.nextDeadline());
    }

    @Test
    void reloadKeepsStateAndTimersWithoutAnyTransition() {
        VrrpFsm m = fsm(3, 150, S, false, 0);
        m.start(0, false);
        m.timerExpired(m.nextDeadline());
        assertEquals(VrrpState.MASTER, m.state());
        long t = 10 * S;
        List<Action> a = m.reload(t, new VrrpFsm.Params("VI_renamed", 3, 120, 2 * S, ip("198.51.100.12"), false,
                false, 0, false, false, 3));
        assertEquals(VrrpState.MASTER, m.state());
        assertEquals(List.of(new Action.SendAdvert(120)), a, "a master re-advertises at once with the new priority");
        assertEquals(t + 2 * S, m.nextDeadline(), "and goes on at the new interval");

        VrrpFsm b = fsm(3, 100, S, false, 0);
        b.start(0, false);
        long down = b.nextDeadline();
        assertTrue(b.reload(S / 2, new VrrpFsm.Params("VI_1", 3, 90, S, ip("198.51.100.12"), false, false, 0, false,
                false, 3)).isEmpty(), "a backup does nothing");
        assertEquals(VrrpState.BACKUP, b.state());
        assertEquals(down, b.nextDeadline(), "its Master_Down timer keeps running");
    }
}
