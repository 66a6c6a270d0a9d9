package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Tracking and notify scripts on a real kernel (issue 6 items 1 and 2): vrrp_script with
 * weights and fall/rise moving the VIP through normal VRRP, unweighted trackers faulting the
 * instance, notify scripts in transition order with keepalived's arguments, a hanging script
 * killed at its timeout while adverts go on, and interop with keepalived 2.2.7 seeing our
 * effective priority. Bounds are protocol bounds with slack, never speed targets.
 */
class VrrpTrackingIT extends BalancerLan {

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A check that fails while {@code flag} exists. */
    Path check(Path flag) throws IOException {
        return script("check.sh", "[ ! -e " + flag + " ]\n");
    }

    static String vrrpScript(Path check, String opts) {
        return "vrrp_script chk {\n  script \"" + check + "\"\n" + opts + "}\n";
    }

    boolean holds(String host) {
        return lab.hasAddress(host, VIP);
    }

    void awaitMaster(String host, String other, long millis) {
        assertTrue(NetLab.await(millis, () -> holds(host) && !holds(other)),
                host + " should hold the VIP alone\n--- lb1:\n" + log("lb1") + "\n--- lb2:\n" + log("lb2"));
    }

    Process keepalived(String host, String conf) throws IOException {
        Path c = dir.resolve(host + ".conf");
        Files.writeString(c, conf);
        return lab.spawn(host, dir.resolve(host + ".log"), "keepalived", "-n", "-l", "-D", "-G", "-f", c.toString(),
                "-p", dir.resolve(host + ".pid").toString(), "-r", dir.resolve(host + "-vrrp.pid").toString(),
                "-c", dir.resolve(host + "-chk.pid").toString());
    }

    Path capture() throws IOException {
        Path out = dir.resolve("capture.txt");
        if (NetLab.installed("tcpdump")) {
            lab.spawn("client", out, "tcpdump", "-i", "eth0", "-nn", "-vv", "-l", "ip proto 112");
            NetLab.await(2_000, () -> NetLab.read(out).contains("listening"));
        }
        return out;
    }

    @Test
    void aFailingTrackScriptMovesTheVipWithinIntervalTimesFallAndBackAfterRise() throws IOException {
        Path flag = dir.resolve("down");
        Path cap = capture();
        String chk = vrrpScript(check(flag), "  interval 1\n  fall 2\n  rise 2\n  weight -60\n");
        ours("lb1", chk + config("  track_script {\n    chk\n  }\n", "MASTER", 150, "1", 2));
        ours("lb2", config("", "BACKUP", 100, "1", 2));
        awaitMaster("lb1", "lb2", 15_000);
        assertTrue(NetLab.await(5_000, () -> log("lb1").contains("VRRP_Script(chk) succeeded")), log("lb1"));
        Files.writeString(flag, "");
        long t0 = System.nanoTime();
        // interval x fall (2 s) + one interval of phase + Master_Down_Interval of lb2 (3.6 s) + slack
        awaitMaster("lb2", "lb1", 2_000 + 1_000 + 3_610 + 3_000);
        long movedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(log("lb1").contains("VRRP_Script(chk) failed (exited with status 1)"), log("lb1"));
        assertTrue(log("lb1").contains("(VI_1) Changing effective priority from 150 to 90"), log("lb1"));
        assertTrue(log("lb2").contains("(VI_1) received lower priority (90) advert from 198.51.100.11 - discarding"),
                log("lb2"));
        assertTrue(NetLab.await(3_000, () -> log("lb1").contains(
                "(VI_1) Master received advert from 198.51.100.12 with higher priority 100, ours 90")), log("lb1"));
        System.err.println("VrrpTrackingIT: VIP on the backup " + movedMs + " ms after the check started failing");
        Files.delete(flag);
        awaitMaster("lb1", "lb2", 2_000 + 1_000 + 3_610 + 3_000);
        assertTrue(log("lb1").contains("(VI_1) Changing effective priority from 90 to 150"), log("lb1"));
        if (NetLab.installed("tcpdump")) {
            assertTrue(NetLab.read(cap).contains("198.51.100.11 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 90"),
                    "the wire carries the effective priority:\n" + NetLab.read(cap));
        }
    }

    @Test
    void notifyScriptsRunInTransitionOrderWithKeepalivedsArguments() throws IOException {
        Path flag = dir.resolve("down");
        Path out = dir.resolve("notify.out");
        // MASTER's script is slow: run concurrently (as keepalived forks them), FAULT's line would come first
        Path generic = script("notify.sh", "[ \"$4\" = MASTER ] && sleep 1.5\necho \"generic $*\" >> " + out + "\n");
        Path specific = script("specific.sh", "echo \"specific $*\" >> " + out + "\n");
        String chk = vrrpScript(check(flag), "  interval 0.2\n");
        Process p = ours("lb1", chk + config("  track_script {\n    chk weight 0\n  }\n  notify \"" + generic
                + " arg1\"\n  notify_master \"" + specific + " m\"\n  notify_fault " + specific + "\n  notify_stop \""
                + specific + " s\"\n", "MASTER", 150, "1", 2));
        assertTrue(NetLab.await(15_000, () -> log("lb1").contains("(VI_1) Entering MASTER STATE")), log("lb1"));
        Files.writeString(flag, "");          // FAULT at once, while MASTER's notify still sleeps
        assertTrue(NetLab.await(5_000, () -> log("lb1").contains("(VI_1) Entering FAULT STATE")), log("lb1"));
        Files.delete(flag);
        assertTrue(NetLab.await(5_000, () -> log("lb1").split("Entering BACKUP STATE", -1).length == 3), log("lb1"));
        NetLab.signal(p, "TERM");
        assertTrue(NetLab.await(10_000, () -> !p.isAlive()), "daemon stopped");
        assertEquals(List.of(
                "generic arg1 INSTANCE VI_1 BACKUP 150",
                "specific m",
                "generic arg1 INSTANCE VI_1 MASTER 150",
                "specific ",
                "generic arg1 INSTANCE VI_1 FAULT 150",
                "generic arg1 INSTANCE VI_1 BACKUP 150",
                "specific s",
                "generic arg1 INSTANCE VI_1 STOP 150"), Files.readAllLines(out), log("lb1"));
    }

    @Test
    void aHangingTrackScriptIsKilledAtItsTimeoutAndAdvertsGoOn() throws IOException {
        Path pids = dir.resolve("pids");
        Path hang = script("hang.sh", "echo $$ >> " + pids + "\nsleep 600 &\necho $! >> " + pids + "\nwait\n");
        ours("lb1", vrrpScript(hang, "  interval 1\n  timeout 1\n  weight -10\n")
                + config("  track_script {\n    chk\n  }\n", "MASTER", 150, "1", 2));
        ours("lb2", config("", "BACKUP", 100, "1", 2));
        awaitMaster("lb1", "lb2", 15_000);
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("VRRP_Script(chk) timed_out")), log("lb1"));
        assertTrue(log("lb1").contains("(VI_1) Changing effective priority from 150 to 140"), log("lb1"));
        // keep it hanging for a while: the loop must go on advertising (lb2 never takes over)
        int since = log("lb2").length();
        assertFalse(NetLab.await(5_000, () -> log("lb2").substring(since).contains("Entering MASTER STATE")),
                "lb1 kept advertising while its script hung:\n" + log("lb1") + "\n--- lb2\n" + log("lb2"));
        assertTrue(holds("lb1"));
        List<Long> started = Files.readAllLines(pids).stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
        assertTrue(started.size() >= 4, "several runs, each with a child: " + started);
        // every run but the current one (its timeout may not have passed yet) is gone with its child, not a zombie
        for (long pid : started.subList(0, started.size() - 2)) {
            assertTrue(NetLab.await(5_000, () -> !Files.exists(Path.of("/proc", Long.toString(pid)))),
                    "process " + pid + " killed and reaped");
        }
        assertTrue(log("lb1").contains("Track script chk is being timed out, expect idle - skipping run")
                || log("lb1").contains("Track script chk is already running, expect idle - skipping run")
                || started.size() >= 8, "a run is never doubled: " + log("lb1"));
    }

    @Test
    void anUnweightedTrackInterfaceFaultsTheInstanceAndAWeightedOneLowersItsPriority() throws IOException {
        lab.in("lb1", "ip", "link", "add", "trk0", "type", "veth", "peer", "name", "trk1");
        lab.in("lb1", "ip", "link", "add", "wgt0", "type", "veth", "peer", "name", "wgt1");
        for (String i : List.of("trk0", "trk1", "wgt0", "wgt1")) {
            lab.in("lb1", "ip", "link", "set", i, "up");
        }
        Process p = ours("lb1", config("  track_interface {\n    trk0\n    wgt0 weight -60\n  }\n", "MASTER", 150, "1", 2));
        ours("lb2", config("", "BACKUP", 100, "1", 2));
        awaitMaster("lb1", "lb2", 15_000);
        lab.in("lb1", "ip", "link", "set", "trk1", "down");     // trk0 loses its carrier
        awaitMaster("lb2", "lb1", 10_000);
        assertTrue(log("lb1").contains("Netlink reports trk0 down"), log("lb1"));
        assertTrue(log("lb1").contains("(VI_1) Entering FAULT STATE"), log("lb1"));
        lab.in("lb1", "ip", "link", "set", "trk1", "up");
        awaitMaster("lb1", "lb2", 15_000);
        assertTrue(log("lb1").contains("(VI_1) Entering BACKUP STATE"), log("lb1"));
        lab.in("lb1", "ip", "link", "set", "wgt1", "down");
        assertTrue(NetLab.await(5_000, () -> log("lb1").contains("(VI_1) Changing effective priority from 150 to 90")),
                log("lb1"));
        awaitMaster("lb2", "lb1", 10_000);
        assertTrue(p.isAlive());
    }

    @Test
    void keepalivedSeesOurEffectivePriorityAndWeSeeItsOwn() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        Path flag = dir.resolve("down");
        String chk = vrrpScript(check(flag), "  interval 1\n  weight -60\n");
        ours("lb1", chk + config("  track_script {\n    chk\n  }\n", "MASTER", 150, "1", 2));
        Process k = keepalived("lb2", config("", "BACKUP", 100, "1", 2));
        awaitMaster("lb1", "lb2", 15_000);
        Files.writeString(flag, "");
        awaitMaster("lb2", "lb1", 12_000);
        assertTrue(log("lb2").contains("(VI_1) received lower priority (90) advert from 198.51.100.11 - discarding"),
                "keepalived saw our effective priority:\n" + log("lb2"));
        Files.delete(flag);
        awaitMaster("lb1", "lb2", 12_000);
        assertTrue(NetLab.await(3_000, () -> log("lb2").contains(
                "(VI_1) Master received advert from 198.51.100.11 with higher priority 150, ours 100")), log("lb2"));
        // and the other way round: keepalived's own track_script lowers the priority our daemon sees
        NetLab.signal(k, "TERM");
        assertTrue(NetLab.await(10_000, () -> !k.isAlive()), "keepalived stopped");
        Files.delete(dir.resolve("lb2.log"));
        Path kflag = dir.resolve("kdown");
        Path kcheck = script("kcheck.sh", "[ ! -e " + kflag + " ]\n");
        keepalived("lb2", vrrpScript(kcheck, "  interval 1\n  weight 60\n")
                + config("  track_script {\n    chk\n  }\n", "BACKUP", 100, "1", 2));
        awaitMaster("lb2", "lb1", 15_000);     // 100 + 60 = 160 beats our 150
        assertTrue(NetLab.await(3_000, () -> log("lb1").contains("with higher priority 160, ours 150")), log("lb1"));
        Files.writeString(kflag, "");
        awaitMaster("lb1", "lb2", 12_000);     // keepalived back to 100
        assertTrue(log("lb1").contains("(VI_1) received lower priority (100) advert from 198.51.100.12 - discarding")
                || log("lb1").contains("with lower priority 100"), log("lb1"));
    }

    @Test
    void aTrackFileWeighsItsValueAndAtMinus254OrWithWeightZeroFaults() throws IOException {
        Path tf = dir.resolve("prio");
        Path tz = dir.resolve("fault");
        String files = "track_file prio {\n  file " + tf + "\n  weight -20\n  init_file 0 overwrite\n}\n"
                + "track_file fault {\n  file " + tz + "\n  weight 0\n}\n";
        ours("lb1", files + config("  track_file {\n    prio\n    fault\n  }\n", "MASTER", 150, "1", 2));
        ours("lb2", config("", "BACKUP", 100, "1", 2));
        awaitMaster("lb1", "lb2", 15_000);
        assertEquals("0", Files.readString(tf).trim(), "init_file wrote the file");
        Files.writeString(tf, "3\n");                 // 150 - 3 x 20 = 90 < 100
        awaitMaster("lb2", "lb1", 10_000);
        assertTrue(log("lb1").contains("(VI_1) Changing effective priority from 150 to 90"), log("lb1"));
        Files.writeString(tf, "0\n");
        awaitMaster("lb1", "lb2", 10_000);
        Files.writeString(tz, "1\n");                 // weight 0: non-zero faults
        awaitMaster("lb2", "lb1", 10_000);
        assertTrue(log("lb1").contains("(VI_1): tracked file fault now FAULT state"), log("lb1"));
        assertTrue(log("lb1").contains("(VI_1) Entering FAULT STATE"), log("lb1"));
        Files.delete(tz);                               // a deleted file reads 0
        awaitMaster("lb1", "lb2", 10_000);
        assertTrue(log("lb1").contains("(VI_1): tracked file fault leaving FAULT state"), log("lb1"));
    }

    @Test
    void notifyFifoLinesReachTheFifoScriptInOrder() throws IOException {
        Path fifo = dir.resolve("notify.fifo");
        Path lines = dir.resolve("fifo.lines");
        Path reader = script("fifo.sh", "exec cat \"$1\" > " + lines + "\n");
        Path tz = dir.resolve("fault");
        String g = "global_defs {\n  notify_fifo " + fifo + "\n  notify_fifo_script " + reader + "\n}\n"
                + "track_file fault {\n  file " + tz + "\n  weight 0\n}\n";
        Process p = ours("lb1", g + config("  track_file {\n    fault\n  }\n", "MASTER", 150, "1", 2));
        assertTrue(NetLab.await(15_000, () -> log("lb1").contains("(VI_1) Entering MASTER STATE")), log("lb1"));
        assertTrue(Files.exists(fifo), "the daemon created the FIFO");
        Files.writeString(tz, "1\n");
        assertTrue(NetLab.await(5_000, () -> log("lb1").contains("(VI_1) Entering FAULT STATE")), log("lb1"));
        Files.writeString(tz, "0\n");
        assertTrue(NetLab.await(10_000, () -> log("lb1").split("Entering MASTER STATE", -1).length == 3), log("lb1"));
        NetLab.signal(p, "TERM");
        assertTrue(NetLab.await(10_000, () -> !p.isAlive()), "daemon stopped");
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_1\" FAULT 150",
                "INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150", "INSTANCE \"VI_1\" STOP 150"),
                Files.readAllLines(lines), log("lb1"));
        assertFalse(Files.exists(fifo), "the FIFO we created is removed at exit");
    }

    @Test
    void aReloadKeepsTheScriptsStateAndAppliesTheNewWeight() throws IOException {
        Path flag = dir.resolve("down");
        Files.writeString(flag, "");
        Path check = check(flag);
        Process p = ours("lb1", vrrpScript(check, "  interval 1\n  weight -60\n")
                + config("  track_script {\n    chk\n  }\n", "MASTER", 150, "1", 2));
        assertTrue(NetLab.await(15_000, () -> log("lb1").contains("(VI_1) Changing effective priority from 150 to 90")
                && log("lb1").contains("(VI_1) Entering MASTER STATE")), log("lb1"));
        Files.writeString(dir.resolve("lb1.conf"), vrrpScript(check, "  interval 1\n  weight -10\n")
                + config("  track_script {\n    chk\n  }\n", "MASTER", 150, "1", 2));
        NetLab.signal(p, "HUP");
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_1) Changing effective priority from 90 to 140")),
                log("lb1"));
        assertTrue(NetLab.await(3_000, () -> log("lb1").split("Script `chk` now returning", -1).length == 2), log("lb1"));
        assertFalse(NetLab.await(2_500, () -> log("lb1").split("VRRP_Script\\(chk\\) failed", -1).length > 2),
                "the script's state survived the reload: no second 'failed' line\n" + log("lb1"));
        assertEquals(1, log("lb1").split("Entering MASTER STATE", -1).length - 1, "still MASTER, no new election");
        assertTrue(holds("lb1"));
    }

    @Test
    void notifyScriptsRunAsTheScriptUserAndInsecureOnesAreRefusedUnderScriptSecurity() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));   // nobody may reach the script
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path ids = out.resolve("ids");
        Path id = script("id.sh", "echo \"$(id -u):$(id -g) $*\" >> " + ids + "\n");
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));  // anyone could replace it
        Path evil = open.resolve("evil.sh");
        Files.writeString(evil, "#!/bin/sh\necho evil >> " + ids + "\n");
        Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
        String g = "global_defs {\n  script_user nobody\n  enable_script_security\n}\n";
        ours("lb1", g + config("  notify " + id + "\n  notify_master \"" + evil + "\" root\n", "MASTER", 150, "1", 2));
        assertTrue(NetLab.await(15_000, () -> NetLab.read(ids).contains("MASTER")), log("lb1") + "\n" + NetLab.read(ids));
        assertEquals(List.of("65534:65534 INSTANCE VI_1 BACKUP 150", "65534:65534 INSTANCE VI_1 MASTER 150"),
                Files.readAllLines(ids), "run as nobody:nogroup; the insecure root script never ran");
        assertTrue(log("lb1").contains("Unsafe permissions found for script '" + evil + "' - disabling."), log("lb1"));
        assertFalse(log("lb1").contains("SECURITY VIOLATION"), log("lb1"));
    }
}
