package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * vrrp_sync_group on a real kernel: VI_1 on the outside LAN (eth0, 198.51.100.0/24) and VI_2 on
 * an inside LAN (eth1 on a second bridge, 203.0.113.0/24), grouped in G1, lb1 priority 150 and
 * lb2 100. Losing VI_2's link on lb1 faults the whole group there and both VIPs move to lb2;
 * the link back moves both back. Ours against ours, and against keepalived 2.2.7 both ways,
 * whose notify FIFO gives the order the notifications must come in. Bounds are protocol bounds
 * (advert_int 1: Master_Down_Interval of lb2 3.61 s) with generous slack for a loaded machine.
 */
class VrrpSyncGroupIT extends BalancerLan {
    static final String VIP2 = "203.0.113.100";
    /** lb2 takes over after priority 0 (skew 0.61 s) at best and Master_Down_Interval 3.61 s at worst. */
    static final long TAKEOVER_MS = 3_610 + 6_000;
    /** lb1 preempts after its own Master_Down_Interval (3.41 s) once it is back in BACKUP. */
    static final long PREEMPT_MS = 3_414 + 8_000;

    @BeforeEach
    void insideLan() throws IOException {
        String sw = lab.ns("sw", false);
        NetLab.run("ip", "-n", sw, "link", "add", "br1", "type", "bridge");
        NetLab.run("ip", "-n", sw, "link", "set", "br1", "up");
        for (String h : List.of("lb1", "lb2")) {
            String n = lab.ns(h, false);
            NetLab.run("ip", "-n", sw, "link", "add", "q-" + h, "type", "veth", "peer", "name", "eth1", "netns", n);
            NetLab.run("ip", "-n", sw, "link", "set", "q-" + h, "master", "br1");
            NetLab.run("ip", "-n", sw, "link", "set", "q-" + h, "up");
            NetLab.run("ip", "-n", n, "link", "set", "eth1", "up");
        }
        lab.in("lb1", "ip", "addr", "add", "203.0.113.11/24", "dev", "eth1");
        lab.in("lb2", "ip", "addr", "add", "203.0.113.12/24", "dev", "eth1");
    }

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** The group's node configuration: a notify FIFO read into {@code <host>.fifo}, group notify scripts, extras. */
    String conf(String host, int priority, String instanceExtra, String groupExtra) throws IOException {
        Path reader = script(host + "-fifo.sh", "exec cat \"$1\" > " + dir.resolve(host + ".fifo") + "\n");
        Path note = script(host + "-notify.sh", "echo \"$*\" >> " + dir.resolve(host + ".notify") + "\n");
        return "global_defs {\n  vrrp_notify_fifo " + dir.resolve(host + ".pipe") + "\n  vrrp_notify_fifo_script "
                + reader + "\n}\n"
                + instance("VI_1", "eth0", 51, priority, VIP, instanceExtra)
                + instance("VI_2", "eth1", 52, priority, VIP2, "")
                + "vrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_2\n  }\n" + groupExtra
                + "  notify_master \"" + note + " master\"\n  notify_backup \"" + note + " backup\"\n"
                + "  notify_fault \"" + note + " fault\"\n  notify \"" + note + " generic\"\n}\n";
    }

    static String instance(String name, String ifname, int vrid, int priority, String vip, String extra) {
        return "vrrp_instance " + name + " {\n  state BACKUP\n  interface " + ifname + "\n  virtual_router_id " + vrid
                + "\n  priority " + priority + "\n  advert_int 1\n" + extra + "  virtual_ipaddress {\n    " + vip
                + "/24\n  }\n}\n";
    }

    Process keepalived(String host, String conf) throws IOException {
        Path c = dir.resolve(host + ".conf");
        Files.writeString(c, conf);
        return lab.spawn(host, dir.resolve(host + ".log"), "keepalived", "-n", "-l", "-D", "-G", "-f", c.toString(),
                "-p", dir.resolve(host + ".pid").toString(), "-r", dir.resolve(host + "-vrrp.pid").toString(),
                "-c", dir.resolve(host + "-chk.pid").toString());
    }

    boolean holdsBoth(String host) {
        try {
            return lab.hasAddress(host, VIP) && lab.in(host, "ip", "-o", "addr", "show", "dev", "eth1")
                    .contains(" " + VIP2 + "/");
        } catch (IOException e) {
            return false;
        }
    }

    boolean holdsNone(String host) {
        try {
            return !lab.hasAddress(host, VIP) && !lab.in(host, "ip", "-o", "addr", "show", "dev", "eth1")
                    .contains(" " + VIP2 + "/");
        } catch (IOException e) {
            return false;
        }
    }

    void awaitGroupOn(String host, String other, long millis) {
        assertTrue(NetLab.await(millis, () -> holdsBoth(host) && holdsNone(other)),
                host + " should hold both VIPs alone\n--- lb1:\n" + log("lb1") + "\n--- lb2:\n" + log("lb2"));
    }

    /** {@code first} appears in the log, and {@code then} after it. */
    static void inOrder(String log, String... lines) {
        int at = 0;
        for (String l : lines) {
            int i = log.indexOf(l, at);
            assertTrue(i >= 0, "'" + l + "' after position " + at + " in\n" + log);
            at = i + l.length();
        }
    }

    /**
     * The FIFO lines as blocks: the INSTANCE lines before each GROUP line, sorted (which member's
     * timer fires first is a matter of microseconds), then that GROUP line.
     */
    static List<String> blocks(List<String> fifo) {
        List<String> out = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String l : fifo) {
            if (l.startsWith("GROUP")) {
                pending.sort(null);
                out.add(String.join(" + ", pending) + " => " + l);
                pending.clear();
            } else {
                pending.add(l);
            }
        }
        pending.sort(null);
        if (!pending.isEmpty()) {
            out.add(String.join(" + ", pending));
        }
        return out;
    }

    /** lb1's notifications through start, MASTER, VI_2's link down, up and MASTER again (keepalived's order). */
    static final List<String> LB1_CYCLE = List.of(
            " => GROUP \"G1\" BACKUP 0",
            "INSTANCE \"VI_1\" BACKUP 150 + INSTANCE \"VI_1\" MASTER 150 + INSTANCE \"VI_2\" BACKUP 150 + "
                    + "INSTANCE \"VI_2\" MASTER 150 => GROUP \"G1\" MASTER 0",
            "INSTANCE \"VI_1\" FAULT 150 + INSTANCE \"VI_2\" FAULT 150 => GROUP \"G1\" FAULT 0",
            "INSTANCE \"VI_1\" BACKUP 150 + INSTANCE \"VI_2\" BACKUP 150 => GROUP \"G1\" BACKUP 0",
            "INSTANCE \"VI_1\" MASTER 150 + INSTANCE \"VI_2\" MASTER 150 => GROUP \"G1\" MASTER 0");

    /** Take VI_2's link down on lb1 and back up, checking where the VIPs are each time. */
    void linkCycleOnLb1() throws IOException {
        awaitGroupOn("lb1", "lb2", 20_000);
        long t0 = System.nanoTime();
        lab.in("lb1", "ip", "link", "set", "eth1", "down");
        awaitGroupOn("lb2", "lb1", TAKEOVER_MS);
        System.err.println("VrrpSyncGroupIT: both VIPs on lb2 " + (System.nanoTime() - t0) / 1_000_000
                + " ms after lb1's inside link went down");
        lab.in("lb1", "ip", "link", "set", "eth1", "up");
        awaitGroupOn("lb1", "lb2", PREEMPT_MS);
    }

    List<String> fifo(String host, int groupLines) {
        Path f = dir.resolve(host + ".fifo");
        NetLab.await(5_000, () -> NetLab.read(f).split("GROUP", -1).length - 1 >= groupLines);
        return NetLab.read(f).lines().toList();
    }

    @Test
    void losingOneMembersLinkMovesTheWholeGroupAndItsReturnBringsItBack() throws IOException {
        Process p1 = ours("lb1", conf("lb1", 150, "", ""));
        ours("lb2", conf("lb2", 100, "", ""));
        linkCycleOnLb1();
        String l1 = log("lb1");
        inOrder(l1, "(VI_2) Entering FAULT STATE", "VRRP_Group(G1) Syncing instances to FAULT state",
                "(VI_1) Entering FAULT STATE", "(VI_2) Entering BACKUP STATE",
                "VRRP_Group(G1) Syncing instances to BACKUP state", "(VI_1) Entering BACKUP STATE",
                "VRRP_Group(G1) Syncing instances to MASTER state");
        assertFalse(l1.contains("vrrp_sync_group is NOT IMPLEMENTED"), l1);
        String l2 = log("lb2");
        inOrder(l2, "VRRP_Group(G1) Syncing instances to MASTER state",
                "VRRP_Group(G1) Syncing instances to BACKUP state");
        assertTrue(l2.contains("(VI_1) Master received advert from 198.51.100.11 with higher priority 150, ours 100")
                || l2.contains("(VI_2) Master received advert from 203.0.113.11 with higher priority 150, ours 100"), l2);
        assertEquals(LB1_CYCLE, blocks(fifo("lb1", 5)), log("lb1"));
        NetLab.signal(p1, "TERM");
        assertTrue(NetLab.await(10_000, () -> !p1.isAlive()), "daemon stopped");
        assertEquals(List.of("backup", "generic GROUP G1 BACKUP 0", "master", "generic GROUP G1 MASTER 0",
                "fault", "generic GROUP G1 FAULT 0", "backup", "generic GROUP G1 BACKUP 0", "master",
                "generic GROUP G1 MASTER 0", "generic GROUP G1 STOP 0"),
                Files.readAllLines(dir.resolve("lb1.notify")), log("lb1"));
    }

    @Test
    void keepalivedAsLb1MovesItsGroupToUsAndBackInTheSameOrder() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        keepalived("lb1", conf("lb1", 150, "", ""));
        ours("lb2", conf("lb2", 100, "", ""));
        linkCycleOnLb1();
        inOrder(log("lb1"), "(VI_2) Entering FAULT STATE", "VRRP_Group(G1) Syncing instances to FAULT state",
                "(VI_1) Entering FAULT STATE", "VRRP_Group(G1) Syncing instances to BACKUP state",
                "VRRP_Group(G1) Syncing instances to MASTER state");
        inOrder(log("lb2"), "VRRP_Group(G1) Syncing instances to MASTER state",
                "VRRP_Group(G1) Syncing instances to BACKUP state");
        assertEquals(LB1_CYCLE, blocks(fifo("lb1", 5)), "keepalived's own order is the one we pin\n" + log("lb1"));
    }

    @Test
    void weAsLb1MoveOurGroupToKeepalivedAndBack() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        ours("lb1", conf("lb1", 150, "", ""));
        keepalived("lb2", conf("lb2", 100, "", ""));
        linkCycleOnLb1();
        inOrder(log("lb1"), "VRRP_Group(G1) Syncing instances to FAULT state",
                "VRRP_Group(G1) Syncing instances to BACKUP state", "VRRP_Group(G1) Syncing instances to MASTER state");
        inOrder(log("lb2"), "VRRP_Group(G1) Syncing instances to MASTER state",
                "VRRP_Group(G1) Syncing instances to BACKUP state");
        assertEquals(LB1_CYCLE, blocks(fifo("lb1", 5)), log("lb1"));
    }

    @Test
    void aFailingGroupTrackScriptFaultsTheGroupAndAMembersWeightedScriptIsIgnored() throws IOException {
        Path flag = dir.resolve("down");
        Path check = script("check.sh", "[ ! -e " + flag + " ]\n");
        String scripts = "vrrp_script chk {\n  script \"" + check + "\"\n  interval 1\n}\n"
                + "vrrp_script never {\n  script /bin/false\n  interval 1\n  weight -100\n}\n";
        ours("lb1", scripts + conf("lb1", 150, "  track_script {\n    never\n  }\n", "  track_script {\n    chk\n  }\n"));
        ours("lb2", conf("lb2", 100, "", ""));
        awaitGroupOn("lb1", "lb2", 20_000);
        assertTrue(log("lb1").contains("(VI_1) ignoring tracked script never with weights due to SYNC group"),
                log("lb1"));
        assertFalse(log("lb1").contains("Changing effective priority"), "the member's weight counted for nothing");
        Files.writeString(flag, "");
        long t0 = System.nanoTime();
        awaitGroupOn("lb2", "lb1", 1_000 + TAKEOVER_MS);   // one script interval, then as a link loss
        System.err.println("VrrpSyncGroupIT: both VIPs on lb2 " + (System.nanoTime() - t0) / 1_000_000
                + " ms after the group's check started failing");
        inOrder(log("lb1"), "VRRP_Script(chk) failed", "Entering FAULT STATE",
                "VRRP_Group(G1) Syncing instances to FAULT state", "Entering FAULT STATE");
        Files.delete(flag);
        awaitGroupOn("lb1", "lb2", 1_000 + PREEMPT_MS);
        inOrder(log("lb1"), "VRRP_Group(G1) Syncing instances to FAULT state", "VRRP_Script(chk) succeeded",
                "VRRP_Group(G1) Syncing instances to BACKUP state", "VRRP_Group(G1) Syncing instances to MASTER state");
    }

    @Test
    void aReloadKeepsAnUnchangedGroupInItsStateWithoutNotifyingIt() throws IOException {
        Process p = ours("lb1", conf("lb1", 150, "", ""));
        awaitGroupOn("lb1", "lb2", 20_000);
        assertTrue(NetLab.await(5_000, () -> NetLab.read(dir.resolve("lb1.notify")).contains("GROUP G1 MASTER 0")),
                log("lb1"));
        int before = log("lb1").length();
        NetLab.signal(p, "HUP");
        assertTrue(NetLab.await(10_000, () -> log("lb1").substring(before).contains("Reload complete")), log("lb1"));
        assertFalse(NetLab.await(4_000, () -> log("lb1").substring(before).contains("Syncing instances")
                || log("lb1").substring(before).contains("Entering")), "no transition:\n" + log("lb1"));
        assertTrue(holdsBoth("lb1"));
        assertEquals(List.of("backup", "generic GROUP G1 BACKUP 0", "master", "generic GROUP G1 MASTER 0"),
                Files.readAllLines(dir.resolve("lb1.notify")), "no group notification for the reload");
    }

    interface IoAction {
        void run() throws IOException;
    }

    /**
     * One node alone (keepalived on lb1, ours on lb2): start it, wait for {@code line} in its log,
     * do {@code then}, wait until it holds both VIPs, and return its FIFO blocks up to the group's
     * {@code groups}-th notification; then stop it.
     */
    List<String> solo(String host, String conf, String line, IoAction then, int groups) throws IOException {
        Process p = host.equals("lb1") ? keepalived(host, conf) : ours(host, conf);
        assertTrue(NetLab.await(20_000, () -> log(host).contains(line)), log(host));
        then.run();
        assertTrue(NetLab.await(20_000, () -> holdsBoth(host)), log(host));
        List<String> b = blocks(fifo(host, groups));
        NetLab.signal(p, "TERM");
        assertTrue(NetLab.await(10_000, () -> !p.isAlive()), host + " stopped");
        return b;
    }

    @Test
    void startingWithAMemberDownIsLoggedAndNotifiedAsKeepalivedDoes() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        List<List<String>> runs = new ArrayList<>();
        for (String host : List.of("lb1", "lb2")) {
            lab.in(host, "ip", "link", "set", "eth1", "down");
            runs.add(solo(host, conf(host, 150, "", ""), "VRRP_Group(G1): Syncing VI_2 to FAULT state",
                    () -> lab.in(host, "ip", "link", "set", "eth1", "up"), 3));
            inOrder(log(host), "(VI_2): entering FAULT state (interface eth1 down)",
                    "VRRP_Group(G1): Syncing VI_2 to FAULT state", "(VI_1) entering FAULT state",
                    "(VI_2) entering FAULT state", "(VI_2) Entering BACKUP STATE",
                    "VRRP_Group(G1) Syncing instances to BACKUP state", "(VI_1) Entering BACKUP STATE",
                    "VRRP_Group(G1) Syncing instances to MASTER state");
        }
        assertEquals(List.of("INSTANCE \"VI_1\" FAULT 150 + INSTANCE \"VI_2\" FAULT 150 => GROUP \"G1\" FAULT 0",
                "INSTANCE \"VI_1\" BACKUP 150 + INSTANCE \"VI_2\" BACKUP 150 => GROUP \"G1\" BACKUP 0",
                "INSTANCE \"VI_1\" MASTER 150 + INSTANCE \"VI_2\" MASTER 150 => GROUP \"G1\" MASTER 0"), runs.get(0),
                "keepalived:\n" + log("lb1"));
        assertEquals(runs.get(0), runs.get(1), "ours:\n" + log("lb2"));
    }

    @Test
    void membersWaitingForAGroupScriptAreNotifiedAsKeepalivedDoes() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        Path flag = dir.resolve("slow");
        // the first run waits for the flag to go: the members wait for its first result
        Path check = script("check.sh", "while [ -e " + flag + " ]; do sleep 0.1; done\n");
        String chk = "vrrp_script chk {\n  script \"" + check + "\"\n  interval 1\n  timeout 30\n}\n";
        List<List<String>> runs = new ArrayList<>();
        for (String host : List.of("lb1", "lb2")) {
            Files.writeString(flag, "");
            runs.add(solo(host, chk + conf(host, 150, "", "  track_script {\n    chk\n  }\n"), "", () -> {
                assertFalse(NetLab.await(6_000, () -> log(host).contains("STATE")
                        || !NetLab.read(dir.resolve(host + ".fifo")).isEmpty()), "nothing while waiting\n" + log(host));
                Files.delete(flag);
            }, 2));
            assertFalse(log(host).contains("Entering FAULT STATE (init)"), log(host));
            inOrder(log(host), "VRRP_Script(chk) succeeded", "(VI_", "Entering BACKUP STATE",
                    "VRRP_Group(G1) Syncing instances to BACKUP state", "Entering BACKUP STATE",
                    "VRRP_Group(G1) Syncing instances to MASTER state");
        }
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 150 + INSTANCE \"VI_2\" BACKUP 150 => GROUP \"G1\" BACKUP 0",
                "INSTANCE \"VI_1\" MASTER 150 + INSTANCE \"VI_2\" MASTER 150 => GROUP \"G1\" MASTER 0"), runs.get(0),
                "keepalived:\n" + log("lb1"));
        assertEquals(runs.get(0), runs.get(1), "ours:\n" + log("lb2"));
    }
}
