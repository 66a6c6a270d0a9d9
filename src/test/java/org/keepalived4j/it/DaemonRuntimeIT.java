package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.keepalived4j.net.DatagramListener;

/**
 * The daemon as an operator drives it, on a real kernel: SIGHUP reloads (unchanged, changed,
 * rejected, 100 in a row), pid files (stale after kill -9, a second daemon refused), and the
 * dump signals through the launcher (USR1, USR2, JSON = 36, STATS_CLEAR = 63).
 */
class DaemonRuntimeIT extends BalancerLan {

    static String instance(String name, int vrid, String state, int prio, String... vips) {
        return "vrrp_instance " + name + " {\n  state " + state + "\n  interface eth0\n  virtual_router_id " + vrid
                + "\n  priority " + prio + "\n  advert_int 0.1\n  version 3\n  virtual_ipaddress {\n    "
                + String.join("\n    ", vips) + "\n  }\n}\n";
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    boolean masterIsLb1() {
        return lab.hasAddress("lb1", VIP) && !lab.hasAddress("lb2", VIP);
    }

    /** lb1 is master, lb2 backup, and the start-up race (lb2 may be master for a moment) is over. */
    void awaitMasterLb1() throws InterruptedException {
        assertTrue(NetLab.await(15_000, this::masterIsLb1), "lb1 master\n" + log("lb1") + "\n---\n" + log("lb2"));
        assertTrue(NetLab.await(10_000, () -> log("lb2").contains("Entering BACKUP STATE")), log("lb2"));
        Thread.sleep(1_000);    // more than lb2's Master_Down interval (0.36 s)
        assertTrue(NetLab.await(10_000, this::masterIsLb1), "lb1 master\n" + log("lb1") + "\n---\n" + log("lb2"));
    }

    void awaitReloads(String host, int n) {
        assertTrue(NetLab.await(30_000, () -> count(log(host), "Reload complete") >= n
                        && count(log(host), "Reloading ...") == count(log(host), "Reload complete")),
                host + " finished " + n + " reloads\n" + log(host));
    }

    /**
     * Watches who holds the VIP until closed, two ways: polling both hosts' addresses on a thread
     * (counts polls and violations) and, with no gaps between polls, {@code ip monitor address}
     * in both hosts, which logs every address the kernel adds or deletes.
     */
    final class VipWatch implements AutoCloseable {
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger violations = new AtomicInteger();
        final Process mon1 = lab.spawn("lb1", dir.resolve("mon1.log"), "ip", "monitor", "address");
        final Process mon2 = lab.spawn("lb2", dir.resolve("mon2.log"), "ip", "monitor", "address");
        volatile boolean on = true;
        final Thread t = new Thread(() -> {
            while (on) {
                polls.incrementAndGet();
                if (!masterIsLb1()) {
                    violations.incrementAndGet();
                }
            }
        }, "vip-watch");

        VipWatch() throws IOException {
            t.start();
        }

        /** Address events for the VIP either host's kernel reported while watching. */
        String vipEvents() {
            return (NetLab.read(dir.resolve("mon1.log")) + NetLab.read(dir.resolve("mon2.log"))).lines()
                    .filter(l -> l.contains(" " + VIP + "/")).reduce("", (a, b) -> a + b + "\n");
        }

        @Override
        public void close() throws InterruptedException {
            if (on) {
                on = false;
                t.join(5_000);
                mon1.destroy();
                mon2.destroy();
            }
        }
    }

    @Test
    void reloadOfAnUnchangedConfigChangesNoStateAndTheVipNeverLeaves() throws Exception {
        // advert_int 1 (Master_Down 3.6 s): what is judged is the reload, not whether two JVMs get CPU
        // every 0.36 s on a loaded machine (at advert_int 0.1 a starved backup times out with or without reloads).
        Process m = ours("lb1", instance("VI_1", 51, "MASTER", 150, VIP + "/24").replace("advert_int 0.1", "advert_int 1"));
        Process b = ours("lb2", instance("VI_1", 51, "BACKUP", 100, VIP + "/24").replace("advert_int 0.1", "advert_int 1"));
        awaitMasterLb1();
        Thread.sleep(4_000);    // more than lb2's Master_Down interval at advert_int 1 (3.6 s)
        awaitMasterLb1();
        int states1 = count(log("lb1"), "Entering");
        int states2 = count(log("lb2"), "Entering");
        try (VipWatch w = new VipWatch()) {
            for (int i = 0; i < 5; i++) {
                NetLab.signal(m, "HUP");
                NetLab.signal(b, "HUP");
                Thread.sleep(300);
            }
            awaitReloads("lb1", 5);
            awaitReloads("lb2", 5);
            Thread.sleep(500);
            w.close();
            assertTrue(w.polls.get() > 10, "polled the addresses " + w.polls.get() + " times");
            assertEquals(0, w.violations.get(), "polls where lb1 did not hold the VIP alone, of " + w.polls.get());
            assertEquals("", w.vipEvents(), "the kernel never added or deleted the VIP on either host\n" + log("lb1")
                    + "\n---\n" + log("lb2"));
        }
        assertEquals(states1, count(log("lb1"), "Entering"), log("lb1"));
        assertEquals(states2, count(log("lb2"), "Entering"), log("lb2"));
        assertTrue(m.isAlive() && b.isAlive());
    }

    /** Threads of a process by name, without the JIT's compiler threads (the JVM adds and removes those on demand). */
    static long threads(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(t -> !NetLab.read(t.resolve("comm")).startsWith("C1 CompilerThre")
                    && !NetLab.read(t.resolve("comm")).startsWith("C2 CompilerThre")).count();
        }
    }

    static long fds(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        }
    }

    @Test
    void aHundredSighupsInTenSecondsNeitherFlapNorLeakThreadsOrFds() throws Exception {
        Process m = ours("lb1", instance("VI_1", 51, "MASTER", 150, VIP + "/24"));
        Process b = ours("lb2", instance("VI_1", 51, "BACKUP", 100, VIP + "/24"));
        awaitMasterLb1();
        for (int i = 0; i < 3; i++) {     // first reloads load their classes and start the reload thread
            NetLab.signal(m, "HUP");
            awaitReloads("lb1", i + 1);
        }
        long fds0 = fds(m.pid());
        long threads0 = threads(m.pid());
        int states1 = count(log("lb1"), "Entering");
        int states2 = count(log("lb2"), "Entering");
        try (VipWatch w = new VipWatch()) {
            for (int i = 0; i < 100; i++) {
                NetLab.signal(m, "HUP");
                if (i % 10 == 0) {
                    NetLab.signal(b, "HUP");
                }
                Thread.sleep(100);
            }
            awaitReloads("lb1", 4);
            Thread.sleep(1_000);
            w.close();
            assertEquals(0, w.violations.get(), "polls where lb1 did not hold the VIP alone, of " + w.polls.get());
            assertEquals("", w.vipEvents(), "the kernel never added or deleted the VIP on either host\n" + log("lb1")
                    + "\n---\n" + log("lb2"));
        }
        awaitReloads("lb1", 4);
        int reloads = count(log("lb1"), "Reload complete");
        assertTrue(reloads > 10, "HUPs during a reload are queued and coalesced, not lost: " + reloads + " reloads");
        assertEquals(states1, count(log("lb1"), "Entering"), "no state change on the master");
        assertEquals(states2, count(log("lb2"), "Entering"), "no state change on the backup");
        assertEquals(fds0, fds(m.pid()), "open fds before and after");
        assertEquals(threads0, threads(m.pid()), "threads before and after (compiler threads aside)");
        System.out.printf("100 SIGHUPs: %d reloads, fds %d -> %d, threads %d -> %d%n", reloads, fds0, fds(m.pid()),
                threads0, threads(m.pid()));
    }

    @Test
    void reloadAddsAndRemovesAddressesAndInstancesAndRejectsABadConfig() throws Exception {
        String v101 = "198.51.100.101";
        String v102 = "198.51.100.102";
        Process m = ours("lb1", instance("VI_1", 51, "MASTER", 150, VIP + "/24"));
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP)), log("lb1"));
        Path conf = dir.resolve("lb1.conf");
        Files.writeString(conf, instance("VI_renamed", 51, "MASTER", 140, v101 + "/24")
                + instance("VI_2", 52, "MASTER", 150, v102 + "/24"));
        NetLab.signal(m, "HUP");
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb1", v101) && !lab.hasAddress("lb1", VIP)
                && lab.hasAddress("lb1", v102)), log("lb1"));
        assertEquals(1, count(log("lb1"), "Entering MASTER STATE") - count(log("lb1"), "(VI_2) Entering MASTER"),
                "the renamed instance kept its state:\n" + log("lb1"));

        Files.writeString(conf, instance("VI_renamed", 300, "MASTER", 140, v101 + "/24"));
        NetLab.signal(m, "HUP");
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("New config failed validation - keeping the running"
                + " configuration")), log("lb1"));
        assertTrue(log("lb1").contains("Line 4) number '300' outside range [1, 255]"), log("lb1"));
        assertTrue(lab.hasAddress("lb1", v101) && lab.hasAddress("lb1", v102), "nothing changed");

        Files.writeString(conf, instance("VI_renamed", 51, "MASTER", 140, v101 + "/24"));
        NetLab.signal(m, "HUP");
        assertTrue(NetLab.await(10_000, () -> !lab.hasAddress("lb1", v102)), log("lb1"));
        assertTrue(log("lb1").contains("(VI_2) removed from the configuration - stopping it"), log("lb1"));
        assertTrue(lab.hasAddress("lb1", v101) && m.isAlive());
    }

    Process oursWithPidFiles(String host, Path pid, Path vrrpPid) throws IOException {
        Path c = dir.resolve(host + ".conf");
        Files.writeString(c, instance("VI_1", 51, "MASTER", 150, VIP + "/24"));
        return lab.spawn(host, dir.resolve(host + ".log"), "java", "-jar", jar, "-n", "-l", "-f", c.toString(),
                "-p", pid.toString(), "-r", vrrpPid.toString());
    }

    @Test
    void aStalePidFileAfterKillMinus9DoesNotBlockTheNextStart() throws Exception {
        Path pid = dir.resolve("run-keepalived.pid");
        Path vpid = dir.resolve("run-vrrp.pid");
        Process first = oursWithPidFiles("lb1", pid, vpid);
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP)), log("lb1"));
        assertEquals(first.pid() + "\n", Files.readString(pid));
        assertEquals(first.pid() + "\n", Files.readString(vpid));
        NetLab.signal(first, "KILL");
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        assertTrue(Files.exists(pid) && Files.exists(vpid), "kill -9 leaves the pid files behind");
        Files.delete(dir.resolve("lb1.log"));
        Process second = oursWithPidFiles("lb1", pid, vpid);
        assertTrue(NetLab.await(15_000, () -> log("lb1").contains("Startup complete")), log("lb1"));
        assertTrue(log("lb1").contains("Remove a zombie pid file " + pid + " (pid " + first.pid()), log("lb1"));
        assertEquals(second.pid() + "\n", Files.readString(pid));
        NetLab.signal(second, "TERM");
        assertTrue(second.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());
        assertFalse(Files.exists(pid) || Files.exists(vpid), "pid files removed at exit");
    }

    @Test
    void aSecondDaemonOnTheSamePidFilesIsRefused() throws Exception {
        Path pid = dir.resolve("run-keepalived.pid");
        Path vpid = dir.resolve("run-vrrp.pid");
        Process first = oursWithPidFiles("lb1", pid, vpid);
        assertTrue(NetLab.await(15_000, () -> log("lb1").contains("Startup complete")), log("lb1"));
        Path c = dir.resolve("lb1.conf");
        Process second = lab.spawn("lb1", dir.resolve("second.log"), "java", "-jar", jar, "-n", "-l", "-f",
                c.toString(), "-p", pid.toString(), "-r", vpid.toString());
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the second daemon exits");
        String out = NetLab.read(dir.resolve("second.log"));
        assertEquals(0, second.exitValue(), "keepalived exits 0 here too\n" + out);
        assertTrue(out.contains(": daemon is already running\n"), out);
        assertTrue(out.contains(pid + " is held by pid " + first.pid()), out);
        assertTrue(first.isAlive());
        assertEquals(first.pid() + "\n", Files.readString(pid), "the running daemon's pid file is untouched");
    }

    @Test
    void eachDumpSignalWritesItsFileThroughTheLauncher() throws Exception {
        Path launcher = Path.of(System.getProperty("keepalived4j.basedir", ".")).resolve("packaging/keepalived");
        assumeTrue(Files.isExecutable(launcher), "launcher packaging/keepalived");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path c = dir.resolve("lb1.conf");
        Files.writeString(c, instance("VI_1", 51, "MASTER", 150, VIP + "/24"));
        Process m = lab.spawn("lb1", dir.resolve("lb1.log"), Map.of("TMPDIR", tmp.toString(), "KEEPALIVED4J_JAR", jar),
                launcher.toString(), "-n", "-l", "-f", c.toString(), "-p", dir.resolve("k.pid").toString(), "-r",
                dir.resolve("v.pid").toString());
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP)), log("lb1"));
        assertFalse(log("lb1").contains("WARNING - signal"), "the launcher blocks keepalived's signals for signalfd\n"
                + log("lb1"));

        NetLab.signal(m, "USR1");
        Path data = tmp.resolve("keepalived.data");
        assertTrue(NetLab.await(5_000, () -> NetLab.read(data).contains(" VRRP Instance = VI_1\n   VRRP Version = 3\n"
                + "   State = MASTER\n")), NetLab.read(data));
        assertTrue(NetLab.read(data).contains("virtual_router_id 51"), "the configuration is in the dump too");

        NetLab.signal(m, "USR2");
        Path stats = tmp.resolve("keepalived.stats");
        assertTrue(NetLab.await(5_000, () -> NetLab.read(stats).contains("  Became master: 1\n")), NetLab.read(stats));

        NetLab.signal(m, "36");
        Path json = tmp.resolve("keepalived.json");
        assertTrue(NetLab.await(5_000, () -> NetLab.read(json).contains("\"iname\":\"VI_1\"")), NetLab.read(json));
        assertTrue(NetLab.read(json).contains("\"state\":2,"), "MASTER is state 2");

        Files.delete(stats);
        NetLab.signal(m, "63");     // STATS_CLEAR: written, then zeroed
        assertTrue(NetLab.await(5_000, () -> NetLab.read(stats).contains("  Became master: 1\n")));
        NetLab.signal(m, "USR2");
        assertTrue(NetLab.await(5_000, () -> NetLab.read(stats).contains("  Became master: 0\n")), NetLab.read(stats));
        assertTrue(m.isAlive() && lab.hasAddress("lb1", VIP), "no signal disturbed the master\n" + log("lb1"));
    }

    @Test
    void systemdHearsReadyReloadingStoppingAndSyslogGetsKeepalivedsIdentities() throws Exception {
        Path notify = dir.resolve("notify.sock");
        Path devlog = dir.resolve("devlog.sock");
        try (DatagramListener systemd = new DatagramListener(notify.toString());
             DatagramListener syslog = new DatagramListener(devlog.toString())) {
            Path c = dir.resolve("lb1.conf");
            Files.writeString(c, instance("VI_1", 51, "MASTER", 150, VIP + "/24"));
            Process m = lab.spawn("lb1", dir.resolve("lb1.log"), Map.of("NOTIFY_SOCKET", notify.toString()), "java",
                    "-Dkeepalived4j.syslog.socket=" + devlog, "-jar", jar, "-n", "-f", c.toString(), "-p",
                    dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString());
            List<String> notes = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            assertTrue(NetLab.await(15_000, () -> drain(systemd, notes).contains("READY=1\nMAINPID=" + m.pid())),
                    notes + "\n" + log("lb1"));
            assertTrue(NetLab.await(15_000, () -> drain(syslog, lines).stream()
                    .anyMatch(l -> l.matches("<30>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d Keepalived_vrrp\\[" + m.pid()
                            + "\\]: \\(VI_1\\) Entering MASTER STATE"))), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" Keepalived[" + m.pid() + "]: Startup complete")),
                    lines.toString());
            NetLab.signal(m, "HUP");
            assertTrue(NetLab.await(10_000, () -> drain(systemd, notes).size() >= 3), notes.toString());
            assertEquals(List.of("READY=1\nMAINPID=" + m.pid(), "RELOADING=1", "READY=1\nMAINPID=" + m.pid()), notes);
            NetLab.signal(m, "TERM");
            assertTrue(m.waitFor(10, TimeUnit.SECONDS));
            assertEquals("STOPPING=1", drain(systemd, notes).get(3));
            assertTrue(drain(syslog, lines).stream().anyMatch(l -> l.contains(" Keepalived[" + m.pid() + "]: Stopped ")),
                    lines.toString());
            assertEquals("", log("lb1").replaceAll("(?m)^.*cannot log to syslog.*\n", ""),
                    "without -l nothing goes to the console");
        }
    }

    static List<String> drain(DatagramListener l, List<String> into) {
        try {
            into.addAll(l.drain());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return into;
    }

    @Test
    void withoutIpvsInTheKernelTheCheckerSubsystemSaysSoAndVrrpRuns() throws Exception {
        assumeTrue(!Files.exists(Path.of("/proc/net/ip_vs")), "this kernel has no IPVS");
        Process m = ours("lb1", instance("VI_1", 51, "MASTER", 150, VIP + "/24")
                + "virtual_server 203.0.113.10 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 198.51.100.2 80 {\n  TCP_CHECK {\n  }\n }\n}\n");
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP)), log("lb1"));
        assertTrue(log("lb1").contains("IPVS: Can't initialize ipvs: Protocol not available\n"), log("lb1"));
        assertTrue(log("lb1").contains("Startup complete"), log("lb1"));
        assertTrue(m.isAlive());
    }
}
