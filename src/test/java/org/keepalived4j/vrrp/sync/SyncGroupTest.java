package org.keepalived4j.vrrp.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keepalived4j.vrrp.fsm.VrrpState;

/** The group decisions of keepalived 2.2.7's vrrp_sync.c, and its log lines word for word. */
class SyncGroupTest {

    static Map<String, VrrpState> states(VrrpState a, VrrpState b, VrrpState c) {
        Map<String, VrrpState> m = new LinkedHashMap<>();
        m.put("VI_1", a);
        m.put("VI_2", b);
        m.put("VI_3", c);
        return m;
    }

    final SyncGroup g = new SyncGroup("G1", List.of("VI_1", "VI_2", "VI_3"), VrrpState.BACKUP);

    @Test
    void logLinesAreKeepalivedsOwn() {
        assertEquals("VRRP_Group(G1) Syncing instances to MASTER state", SyncMessages.syncing("G1", "MASTER"));
        assertEquals("VRRP_Group(G1) Syncing instances to BACKUP state", SyncMessages.syncing("G1", "BACKUP"));
        assertEquals("VRRP_Group(G1) Syncing instances to FAULT state", SyncMessages.syncing("G1", "FAULT"));
        assertEquals("VRRP_Group(G1): Syncing VI_2 to FAULT state", SyncMessages.syncingMemberToFaultAtStart("G1", "VI_2"));
        assertEquals("(VI_1) ignoring eth1 tracked interface weight due to SYNC group",
                SyncMessages.ignoringInterfaceWeight("VI_1", "eth1"));
        assertEquals("(VI_1) ignoring tracked script chk with weights due to SYNC group",
                SyncMessages.ignoringScript("VI_1", "chk"));
        assertEquals("(VI_1) ignoring weight from tracked file f due to SYNC group. specify weight 0",
                SyncMessages.ignoringFileDefaultWeight("VI_1", "f"));
        assertEquals("(VI_1) ignoring tracked file f with weight -5 due to SYNC group",
                SyncMessages.ignoringFileWeight("VI_1", "f", -5));
        assertEquals("(G1) Cannot have weighted track script 'chk' with member having priority 255 - clearing weight",
                SyncMessages.ownerClearsGroupWeight("G1", "script", "chk"));
        assertEquals("(G1) Cannot have weighted track file 'f' with member having priority 255 - setting weight 0",
                SyncMessages.ownerClearsGroupWeight("G1", "file", "f"));
        assertEquals("Sync group G1 has some member(s) as address owner and some not as address owner. This won't work.",
                SyncMessages.mixedOwners("G1"));
    }

    @Test
    void aMemberMayGoMasterOnlyWhenEveryOtherWantsMasterOrTheGroupIsMaster() {
        Map<String, Boolean> w = new LinkedHashMap<>(Map.of("VI_1", false, "VI_2", true, "VI_3", false));
        assertFalse(g.mayBecomeMaster("VI_1", w), "VI_3 does not want MASTER yet");
        w.put("VI_3", true);
        assertTrue(g.mayBecomeMaster("VI_1", w), "its own wish does not count");
        w.put("VI_3", false);   // e.g. in FAULT: wantstate FAULT
        g.setState(VrrpState.MASTER);
        assertTrue(g.mayBecomeMaster("VI_1", w), "a MASTER group lets any member in");
    }

    @Test
    void goingMasterTakesTheOthersThatAreNotMasterYet() {
        Optional<SyncGroup.Sync> s = g.memberChanged("VI_2", VrrpState.BACKUP, VrrpState.MASTER,
                states(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.MASTER));
        assertEquals(new SyncGroup.Sync("VRRP_Group(G1) Syncing instances to MASTER state", VrrpState.MASTER,
                List.of("VI_1")), s.orElseThrow());
        assertEquals(VrrpState.BACKUP, g.state(), "the group state changes once the members moved");
        g.synced(s.get());
        assertEquals(VrrpState.MASTER, g.state());
        assertTrue(g.memberChanged("VI_1", VrrpState.BACKUP, VrrpState.MASTER,
                states(VrrpState.MASTER, VrrpState.MASTER, VrrpState.MASTER)).isEmpty(), "already MASTER");
    }

    @Test
    void leavingMasterForBackupTakesTheOthersToBackup() {
        g.setState(VrrpState.MASTER);
        SyncGroup.Sync s = g.memberChanged("VI_3", VrrpState.MASTER, VrrpState.BACKUP,
                states(VrrpState.MASTER, VrrpState.MASTER, VrrpState.BACKUP)).orElseThrow();
        assertEquals(List.of("VI_1", "VI_2"), s.members());
        assertEquals(VrrpState.BACKUP, s.to());
    }

    @Test
    void aFaultTakesEveryOtherMemberToFaultAndRecoveryWaitsForAllOwnFaults() {
        g.setState(VrrpState.MASTER);
        g.ownVerdict("VI_2", true, false);
        SyncGroup.Sync s = g.memberChanged("VI_2", VrrpState.MASTER, VrrpState.FAULT,
                states(VrrpState.MASTER, VrrpState.FAULT, VrrpState.MASTER)).orElseThrow();
        assertEquals("VRRP_Group(G1) Syncing instances to FAULT state", s.line());
        assertEquals(List.of("VI_1", "VI_3"), s.members());
        g.synced(s);
        g.ownVerdict("VI_3", true, false);
        assertTrue(g.memberChanged("VI_3", VrrpState.FAULT, VrrpState.FAULT,
                states(VrrpState.FAULT, VrrpState.FAULT, VrrpState.FAULT)).isEmpty(), "the group is in FAULT already");
        g.ownVerdict("VI_2", false, false);
        assertFalse(g.mayLeaveFault("VI_2"), "VI_3 is still down");
        g.ownVerdict("VI_3", false, false);
        assertTrue(g.mayLeaveFault("VI_2"));
        SyncGroup.Sync back = g.memberChanged("VI_2", VrrpState.FAULT, VrrpState.BACKUP,
                states(VrrpState.FAULT, VrrpState.BACKUP, VrrpState.FAULT)).orElseThrow();
        assertEquals("VRRP_Group(G1) Syncing instances to BACKUP state", back.line());
        assertEquals(List.of("VI_1", "VI_3"), back.members());
    }

    @Test
    void aMemberWaitingForItsFirstScriptResultKeepsTheOthersDown() {
        g.ownVerdict("VI_1", false, true);
        assertTrue(g.anyWaiting());
        assertFalse(g.mayLeaveFault("VI_2"));
        g.ownVerdict("VI_1", false, false);
        assertTrue(g.mayLeaveFault("VI_2"));
    }

    @Test
    void startingMembersAndStoppingOnesMoveNoGroup() {
        assertTrue(g.memberChanged("VI_1", VrrpState.INIT, VrrpState.BACKUP,
                states(VrrpState.BACKUP, VrrpState.INIT, VrrpState.INIT)).isEmpty());
        g.setState(VrrpState.MASTER);
        assertTrue(g.memberChanged("VI_1", VrrpState.INIT, VrrpState.BACKUP,
                states(VrrpState.BACKUP, VrrpState.MASTER, VrrpState.MASTER)).isEmpty(),
                "a new member of a MASTER group starts in BACKUP without demoting the group");
        assertTrue(g.memberChanged("VI_1", VrrpState.MASTER, VrrpState.INIT,
                states(VrrpState.INIT, VrrpState.MASTER, VrrpState.MASTER)).isEmpty());
        g.setState(VrrpState.BACKUP);
        SyncGroup.Sync s = g.memberChanged("VI_1", VrrpState.BACKUP, VrrpState.MASTER,
                states(VrrpState.MASTER, VrrpState.BACKUP, VrrpState.INIT)).orElseThrow();
        assertEquals(List.of("VI_2"), s.members(), "a member not started yet is not moved");
    }

    @Test
    void aMemberFollowingItsGroupIsNotNotifiedTwice() {
        g.setState(VrrpState.FAULT);
        assertFalse(g.notifies(true, VrrpState.FAULT), "send_instance_notifies(): already there through the group");
        assertTrue(g.notifies(false, VrrpState.FAULT), "the first notification is always sent");
        assertTrue(g.notifies(true, VrrpState.BACKUP));
    }
}
