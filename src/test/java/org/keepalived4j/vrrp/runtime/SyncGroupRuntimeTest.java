package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.track.InstanceTracking;

/**
 * Two instances in a sync group G1 (VI_1 on eth0, VI_2 on eth1) with fake ports and a manual
 * clock (µs): members move together on the same event-loop turn, with keepalived 2.2.7's lines
 * in its order, its advert counts and its notifications (instances and group).
 */
class SyncGroupRuntimeTest {
    static final long S = 1_000_000;
    /** Master_Down_Interval of priority 150, advert_int 1: 3 s + (256 - 150) / 256 s. */
    static final long DOWN = 3 * S + (256 - 150) * S / 256;

    @TempDir
    Path dir;
    final List<String> events = new ArrayList<>();
    final List<String> sent = new ArrayList<>();
    InstanceRuntime vi1;
    InstanceRuntime vi2;
    SyncGroups groups;
    TrackedObjects tracked;
    InetAddress group;

    static String instance(String name, String ifname, int vrid, String vip) {
        return "vrrp_instance " + name + " {\n state BACKUP\n interface " + ifname + "\n virtual_router_id " + vrid
                + "\n priority 150\n advert_int 1\n virtual_ipaddress {\n  " + vip + "/24\n }\n}\n";
    }

    @BeforeEach
    void start() throws Exception {
        KeepalivedConfig cfg = ConfigFixture.load(dir, instance("VI_1", "eth0", 51, "198.51.100.100")
                + instance("VI_2", "eth1", 52, "203.0.113.100")
                + "vrrp_sync_group G1 {\n group {\n  VI_1\n  VI_2\n }\n}\n").config();
        LogPort log = new LogPort() {
            public void info(String line) {
                events.add(line);
            }

            public void detail(String line) {
                events.add("D " + line);
            }
        };
        Ports ports = new Ports((ifname, src, dst, message, ttl) -> sent.add(ifname + " prio " + (message[2] & 0xff)),
                new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                        events.add("+" + v.display());
                    }

                    public void remove(String ifname, VipAddress v) {
                        events.add("-" + v.display());
                    }
                },
                (ifname, a) -> {
                }, log, (name, from, to, prio) -> events.add("NOTIFY INSTANCE " + name + " " + to + " " + prio),
                new org.keepalived4j.vrrp.port.FakeRoutePort());
        group = InetAddress.getByName("224.0.0.18");
        vi1 = new InstanceRuntime(cfg.vrrpInstances().get(0), "eth0", InetAddress.getByName("198.51.100.11"), group,
                ports);
        vi2 = new InstanceRuntime(cfg.vrrpInstances().get(1), "eth1", InetAddress.getByName("203.0.113.11"), group,
                ports);
        tracked = new TrackedObjects(log);
        tracked.add(vi1, List.of());
        tracked.add(vi2, List.of());
        groups = new SyncGroups(cfg.syncGroups(), List.of(vi1, vi2), log,
                (g, to) -> events.add("NOTIFY GROUP " + g + " " + to));
        groups.start(0, List.of(vi1, vi2), tracked, n -> true, log);
    }

    /** Let VI_1's timer fire first, then VI_2's: both MASTER. */
    void bothMaster() {
        vi1.tick(DOWN);
        vi2.tick(DOWN + 1000);
        assertEquals(VrrpState.MASTER, vi1.state());
        assertEquals(VrrpState.MASTER, vi2.state());
        events.clear();
        sent.clear();
    }

    byte[] advert(int vrid, int prio, String vip) throws Exception {
        return VrrpCodec.encode(new VrrpPacket(2, vrid, prio, 0, 1, List.of(InetAddress.getByName(vip)), new byte[8]),
                InetAddress.getByName("198.51.100.12"), group, false);
    }

    @Test
    void membersStartInBackupAfterTheGroupsNotification() {
        assertEquals(List.of("NOTIFY GROUP G1 BACKUP",
                "(VI_1) Entering BACKUP STATE (init)", "NOTIFY INSTANCE VI_1 BACKUP 150",
                "(VI_2) Entering BACKUP STATE (init)", "NOTIFY INSTANCE VI_2 BACKUP 150"), events);
    }

    @Test
    void theFirstTimeoutWaitsForTheOthersAndTheLastTakesTheGroupToMaster() {
        events.clear();
        vi1.tick(DOWN);
        assertEquals(VrrpState.BACKUP, vi1.state(), "held: VI_2 does not want MASTER yet");
        assertEquals(List.of("D (VI_1) Receive advertisement timeout"), events);
        assertEquals(DOWN + DOWN, vi1.nextDeadline(), "a fresh Master_Down_Interval");
        vi2.tick(DOWN + 1000);
        assertEquals(List.of("D (VI_1) Receive advertisement timeout",
                "D (VI_2) Receive advertisement timeout", "(VI_2) Entering MASTER STATE", "D (VI_2) setting VIPs.",
                "+203.0.113.100/24", "NOTIFY INSTANCE VI_2 MASTER 150",
                "VRRP_Group(G1) Syncing instances to MASTER state",
                "(VI_1) Entering MASTER STATE", "D (VI_1) setting VIPs.", "+198.51.100.100/24",
                "NOTIFY INSTANCE VI_1 MASTER 150", "NOTIFY GROUP G1 MASTER"),
                events.stream().filter(e -> !e.contains("gratuitous ARP")).toList());
        assertEquals(List.of("eth1 prio 150", "eth0 prio 150"), sent);
        assertEquals(VrrpState.MASTER, groups.groups().get(0).state());
    }

    @Test
    void aHeldMemberThatHearsAMasterWantsBackupAgain() throws Exception {
        vi1.tick(DOWN);
        assertTrue(vi1.wantsMaster());
        vi1.receive(DOWN + 10, new ReceivedAdvert("eth0", InetAddress.getByName("198.51.100.12"), group, 255,
                advert(51, 200, "198.51.100.100")));
        assertTrue(!vi1.wantsMaster(), "vrrp_state_backup(): wantstate BACKUP");
        vi2.tick(DOWN + 1000);
        assertEquals(VrrpState.BACKUP, vi2.state(), "VI_1 follows a master: the group stays BACKUP");
    }

    @Test
    void aMasterHearingAHigherPriorityTakesTheGroupToBackup() throws Exception {
        bothMaster();
        vi1.receive(5 * S, new ReceivedAdvert("eth0", InetAddress.getByName("198.51.100.12"), group, 255,
                advert(51, 200, "198.51.100.100")));
        assertEquals(List.of(
                "(VI_1) Master received advert from 198.51.100.12 with higher priority 200, ours 150",
                "(VI_1) Entering BACKUP STATE", "D (VI_1) removing VIPs.", "-198.51.100.100/24",
                "NOTIFY INSTANCE VI_1 BACKUP 150",
                "VRRP_Group(G1) Syncing instances to BACKUP state",
                "(VI_2) Entering BACKUP STATE", "D (VI_2) removing VIPs.", "-203.0.113.100/24",
                "NOTIFY INSTANCE VI_2 BACKUP 150", "NOTIFY GROUP G1 BACKUP"), events);
        assertEquals(List.of(), sent, "leaving MASTER for BACKUP sends nothing");
    }

    @Test
    void aFaultingMemberTakesTheGroupToFaultAndItsRecoveryBringsItBack() {
        bothMaster();
        vi2.track(5 * S, new InstanceTracking.Verdict(150, true, false));
        assertEquals(List.of("(VI_2) Entering FAULT STATE", "D (VI_2) sent 0 priority", "D (VI_2) removing VIPs.",
                "-203.0.113.100/24", "NOTIFY INSTANCE VI_2 FAULT 150",
                "VRRP_Group(G1) Syncing instances to FAULT state",
                "(VI_1) Entering FAULT STATE", "D (VI_1) removing VIPs.", "-198.51.100.100/24",
                "NOTIFY INSTANCE VI_1 FAULT 150", "NOTIFY GROUP G1 FAULT"), events);
        assertEquals(List.of("eth1 prio 0", "eth1 prio 0", "eth0 prio 0"), sent,
                "down_instance() sends priority 0 twice, vrrp_sync_fault() once");
        events.clear();
        vi1.track(6 * S, new InstanceTracking.Verdict(150, false, false));
        assertEquals(VrrpState.FAULT, vi1.state(), "VI_2 is still down");
        vi1.track(6 * S, new InstanceTracking.Verdict(150, true, false));
        vi1.track(6 * S, new InstanceTracking.Verdict(150, false, false));
        assertEquals(List.of(), events, "FAULT to FAULT while the group is in FAULT: no line, no notification");
        vi2.track(7 * S, new InstanceTracking.Verdict(150, false, false));
        assertEquals(List.of("(VI_2) Entering BACKUP STATE", "NOTIFY INSTANCE VI_2 BACKUP 150",
                "VRRP_Group(G1) Syncing instances to BACKUP state",
                "(VI_1) Entering BACKUP STATE", "NOTIFY INSTANCE VI_1 BACKUP 150", "NOTIFY GROUP G1 BACKUP"), events);
        assertEquals(7 * S + DOWN, vi1.nextDeadline());
    }

    @Test
    void aBackupForcedToFaultSaysNothingButIsNotified() {
        events.clear();
        vi2.track(S, new InstanceTracking.Verdict(150, true, false));
        assertEquals(List.of("(VI_2) Entering FAULT STATE", "NOTIFY INSTANCE VI_2 FAULT 150",
                "VRRP_Group(G1) Syncing instances to FAULT state", "NOTIFY INSTANCE VI_1 FAULT 150",
                "NOTIFY GROUP G1 FAULT"), events);
        assertEquals(VrrpState.FAULT, vi1.state());
    }

    @Test
    void stoppingNotifiesTheInstancesThenTheGroup() {
        bothMaster();
        new VrrpRouterStop(vi1, vi2).stop(9 * S);
        groups.stopped();
        assertEquals("NOTIFY GROUP G1 INIT", events.get(events.size() - 1));
        assertTrue(events.contains("NOTIFY INSTANCE VI_1 INIT 150") && events.contains("NOTIFY INSTANCE VI_2 INIT 150"),
                events.toString());
    }

    @Test
    void theDataDumpShowsTheGroup() {
        bothMaster();
        assertEquals("------< VRRP Sync groups >------\n VRRP Sync Group = G1, MASTER\n"
                + "   Num member fault 0, num member init 0\n   VRRP member instances :\n     VI_1\n     VI_2\n",
                SyncReports.syncGroups(groups.groups()));
        assertTrue(Reports.topology(List.of(vi1), 0, t -> t).contains(" VRRP Instance = VI_1\n   VRRP Version = 2\n"
                + "   Sync group = G1\n"), "dump_vrrp(): the member's group after its version");
    }

    @Test
    void aReloadKeepsTheGroupStateAndOnlyNotifiesAChange() throws Exception {
        bothMaster();
        java.util.Map<String, VrrpState> before = groups.states();
        groups.dissolve();
        KeepalivedConfig cfg = ConfigFixture.load(dir, instance("VI_1", "eth0", 51, "198.51.100.100")
                + instance("VI_2", "eth1", 52, "203.0.113.100")
                + "vrrp_sync_group G1 {\n group {\n  VI_1\n  VI_2\n }\n}\n").config();
        SyncGroups next = new SyncGroups(cfg.syncGroups(), List.of(vi1, vi2), (LogPort) new LogPort() {
            public void info(String line) {
                events.add(line);
            }

            public void detail(String line) {
            }
        }, (g, to) -> events.add("NOTIFY GROUP " + g + " " + to));
        next.settle(6 * S, before, tracked, n -> true);
        assertEquals(VrrpState.MASTER, next.groups().get(0).state());
        assertEquals(List.of(), events, "same state: not notified");
        next.settle(6 * S, java.util.Map.of(), tracked, n -> true);
        assertEquals(List.of(), events, "MASTER is never notified by a reload (vrrp_init_state() only sends BACKUP/FAULT)");
        vi2.receive(7 * S, new ReceivedAdvert("eth1", InetAddress.getByName("198.51.100.12"), group, 255,
                advert(52, 200, "203.0.113.100")));
        assertEquals(VrrpState.BACKUP, vi1.state(), "the new group syncs its members");
    }

    @Test
    void aReloadOfAGroupInFaultMovesNobody() throws Exception {
        bothMaster();
        vi2.track(5 * S, new InstanceTracking.Verdict(150, true, false));
        java.util.Map<String, VrrpState> before = groups.states();
        groups.dissolve();
        KeepalivedConfig cfg = ConfigFixture.load(dir, instance("VI_1", "eth0", 51, "198.51.100.100")
                + instance("VI_2", "eth1", 52, "203.0.113.100")
                + "vrrp_sync_group G1 {\n group {\n  VI_1\n  VI_2\n }\n}\n").config();
        SyncGroups next = new SyncGroups(cfg.syncGroups(), List.of(vi1, vi2), new LogPort() {
            public void info(String line) {
                events.add(line);
            }

            public void detail(String line) {
            }
        }, (g, to) -> events.add("NOTIFY GROUP " + g + " " + to));
        next.carryOver(groups);
        events.clear();
        vi1.track(6 * S, new InstanceTracking.Verdict(150, false, false));   // reload re-applies the verdicts
        vi2.track(6 * S, new InstanceTracking.Verdict(150, true, false));
        tracked.linkChanged(6 * S, "unused", true);
        assertEquals(List.of(), events, "VI_2 is still down: VI_1 stays in FAULT, nothing is notified");
        assertEquals(VrrpState.FAULT, vi1.state());
        assertEquals(VrrpState.FAULT, next.groups().get(0).state());
        assertEquals(VrrpState.FAULT, before.get("G1"));
    }

    @Test
    void aMemberDownAtStartTakesTheGroupToFaultBeforeAnyoneStarts() throws Exception {
        events.clear();
        InstanceRuntime a = new InstanceRuntime(vi1.config(), "eth0", vi1.source(), group, portsOf(vi1));
        InstanceRuntime b = new InstanceRuntime(vi2.config(), "eth1", vi2.source(), group, portsOf(vi1));
        TrackedObjects t = new TrackedObjects(logger());
        t.add(a, List.of(org.keepalived4j.vrrp.track.Tracked.iface("eth0", 0, false)));
        t.add(b, List.of(org.keepalived4j.vrrp.track.Tracked.iface("eth1", 0, false)));
        KeepalivedConfig cfg = ConfigFixture.load(dir, instance("VI_1", "eth0", 51, "198.51.100.100")
                + instance("VI_2", "eth1", 52, "203.0.113.100")
                + "vrrp_sync_group G1 {\n group {\n  VI_1\n  VI_2\n }\n}\n").config();
        SyncGroups g = new SyncGroups(cfg.syncGroups(), List.of(a, b), logger(),
                (n, to) -> events.add("NOTIFY GROUP " + n + " " + to));
        g.start(0, List.of(a, b), t, n -> !n.equals("eth1"), logger());
        assertEquals(List.of("(VI_2): entering FAULT state (interface eth1 down)",
                "VRRP_Group(G1): Syncing VI_2 to FAULT state",
                "(VI_1) entering FAULT state", "NOTIFY INSTANCE VI_1 FAULT 150",
                "(VI_2) entering FAULT state", "NOTIFY INSTANCE VI_2 FAULT 150",
                "NOTIFY GROUP G1 FAULT"), events);
        events.clear();
        t.linkChanged(S, "eth1", true);
        assertEquals(List.of("(VI_2) Entering BACKUP STATE", "NOTIFY INSTANCE VI_2 BACKUP 150",
                "VRRP_Group(G1) Syncing instances to BACKUP state",
                "(VI_1) Entering BACKUP STATE", "NOTIFY INSTANCE VI_1 BACKUP 150", "NOTIFY GROUP G1 BACKUP"), events);
    }

    @Test
    void membersWaitForAGroupScriptsFirstResultUnnotified() throws Exception {
        events.clear();
        InstanceRuntime a = new InstanceRuntime(vi1.config(), "eth0", vi1.source(), group, portsOf(vi1));
        InstanceRuntime b = new InstanceRuntime(vi2.config(), "eth1", vi2.source(), group, portsOf(vi1));
        TrackedObjects t = new TrackedObjects(logger());
        t.script(new org.keepalived4j.config.model.VrrpScriptConfig("chk", new org.keepalived4j.config.model.Script(
                List.of("/bin/true"), java.util.Optional.empty(), java.util.Optional.empty(),
                org.keepalived4j.config.Origin.NONE), S, S, 0, false, 1, 1, false,
                org.keepalived4j.config.Origin.NONE), false);
        t.add(a, List.of(org.keepalived4j.vrrp.track.Tracked.script("chk", 0, false)));
        t.add(b, List.of());
        KeepalivedConfig cfg = ConfigFixture.load(dir, instance("VI_1", "eth0", 51, "198.51.100.100")
                + instance("VI_2", "eth1", 52, "203.0.113.100")
                + "vrrp_sync_group G1 {\n group {\n  VI_1\n  VI_2\n }\n}\n").config();
        SyncGroups g = new SyncGroups(cfg.syncGroups(), List.of(a, b), logger(),
                (n, to) -> events.add("NOTIFY GROUP " + n + " " + to));
        g.start(0, List.of(a, b), t, n -> true, logger());
        assertEquals(List.of(), events, "both wait in FAULT without a line or a notification");
        assertEquals(VrrpState.FAULT, b.state(), "VI_2 has no script of its own but waits for VI_1's");
        assertEquals(VrrpState.INIT, g.groups().get(0).state());
        t.scriptExited(S, "chk", 0);
        assertEquals(List.of("VRRP_Script(chk) succeeded", "(VI_1) Entering BACKUP STATE",
                "NOTIFY INSTANCE VI_1 BACKUP 150", "VRRP_Group(G1) Syncing instances to BACKUP state",
                "(VI_2) Entering BACKUP STATE", "NOTIFY INSTANCE VI_2 BACKUP 150", "NOTIFY GROUP G1 BACKUP"), events);
    }

    LogPort logger() {
        return new LogPort() {
            public void info(String line) {
                events.add(line);
            }

            public void detail(String line) {
            }
        };
    }

    Ports portsOf(InstanceRuntime unused) {
        return new Ports((ifname, src, dst, message, ttl) -> sent.add(ifname + " prio " + (message[2] & 0xff)),
                new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                    }

                    public void remove(String ifname, VipAddress v) {
                    }
                }, (ifname, a) -> {
                }, logger(), (name, from, to, prio) -> events.add("NOTIFY INSTANCE " + name + " " + to + " " + prio),
                new org.keepalived4j.vrrp.port.FakeRoutePort());
    }

    /** Stops instances as VrrpRouter.stopAll() does. */
    record VrrpRouterStop(InstanceRuntime... rs) {
        void stop(long now) {
            VrrpRouter r = new VrrpRouter();
            for (InstanceRuntime x : rs) {
                r.add(x);
            }
            r.stopAll(now, false);
        }
    }
}
