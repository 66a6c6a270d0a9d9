package org.keepalived4j.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.it.NetLab;

/**
 * Benchmark, not a test (prints, never fails on time). Failover of our daemon and of keepalived
 * 2.2.7 in the same lab, priorities 150/100: the time from the master's kill to the first
 * gratuitous ARP for the VIP seen in the client namespace (tcpdump's kernel timestamps), for
 * SIGKILL and SIGTERM, VRRPv3 at 50 ms and VRRPv2 at 1 s. Then 255 instances at 50 ms for 60 s:
 * spurious transitions, CPU and RSS of both daemons.
 * Run: {@code mvn -Pbench verify -Dit.test=FailoverBench [-Dbench.reps=20] [-Dbench.only=3:0.05:TERM]}.
 */
class FailoverBench {
    static final String VIP = "198.51.100.100";
    static final int REPS = Integer.getInteger("bench.reps", 20);
    static final Pattern GARP = Pattern.compile("^(\\d+\\.\\d+) (\\S+) > ff:ff:ff:ff:ff:ff.*Request who-has "
            + Pattern.quote(VIP) + " (?:\\(\\S+\\) )?tell " + Pattern.quote(VIP), Pattern.MULTILINE);
    /** The stopping master's priority-0 advert (SIGTERM), as tcpdump prints VRRP without -v. */
    static final Pattern PRIO0 = Pattern.compile("^(\\d+\\.\\d+) (\\S+) > .*VRRPv\\d, Advertisement, vrid 1, prio 0,",
            Pattern.MULTILINE);

    /** Per repetition: kill -> first GARP; with SIGTERM also kill -> priority 0 and priority 0 -> GARP (ms). */
    record Samples(List<Double> total, List<Double> toPrio0, List<Double> prio0ToGarp) {
    }

    @TempDir
    Path dir;
    NetLab lab;
    String jar;

    String conf(int prio, String state, int version, String advert, int instances) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= instances; i++) {
            b.append("vrrp_instance VI_").append(i).append(" {\n state ").append(state).append("\n interface eth0\n")
                    .append(" virtual_router_id ").append(i).append("\n priority ").append(prio).append("\n advert_int ")
                    .append(advert).append("\n version ").append(version).append("\n virtual_ipaddress {\n  ")
                    .append(i == 1 ? VIP : "203.0.113." + (i % 256)).append("/32\n }\n}\n");
        }
        return b.toString();
    }

    Process start(boolean ours, String host, String text, String tag) throws IOException {
        Path c = dir.resolve(host + tag + ".conf");
        Files.writeString(c, text);
        Path log = dir.resolve(host + tag + ".log");
        if (ours) {
            // through the launcher, as installed: its JVM options, CDS archive and signal mask
            String launcher = Path.of(System.getProperty("keepalived4j.basedir", ".")).toAbsolutePath()
                    .resolve("packaging/keepalived").toString();
            return lab.spawn(host, log, java.util.Map.of("KEEPALIVED4J_JAR", jar), launcher,
                    "-n", "-l", "-G", "-f", c.toString(), "-p", dir.resolve(host + tag + ".pid").toString(), "-r",
                    dir.resolve(host + tag + "v.pid").toString(), "-c", dir.resolve(host + tag + "c.pid").toString());
        }
        return lab.spawn(host, log, "keepalived", "-n", "-l", "-G", "-f", c.toString(), "-p",
                dir.resolve(host + tag + ".pid").toString(), "-r", dir.resolve(host + tag + "v.pid").toString(),
                "-c", dir.resolve(host + tag + "c.pid").toString());
    }

    static double epoch(Instant i) {
        return i.getEpochSecond() + i.getNano() / 1e9;
    }

    /** The first GARP from {@code mac} after {@code since} in the capture, in epoch seconds, or NaN. */
    static double firstGarp(Path capture, String mac, double since) {
        return first(GARP, capture, mac, since);
    }

    /** The first line of {@code p} from {@code mac} after {@code since} in the capture, in epoch seconds, or NaN. */
    static double first(Pattern p, Path capture, String mac, double since) {
        Matcher m = p.matcher(NetLab.read(capture));
        while (m.find()) {
            double t = new BigDecimal(m.group(1)).doubleValue();
            if (t > since && m.group(2).equalsIgnoreCase(mac)) {
                return t;
            }
        }
        return Double.NaN;
    }

    Samples failovers(boolean ours, int version, String advert, String signal) throws IOException {
        List<Double> ms = new ArrayList<>();
        List<Double> toPrio0 = new ArrayList<>();
        List<Double> prio0ToGarp = new ArrayList<>();
        String mac2 = lab.mac("lb2");
        Path cap = dir.resolve("cap-" + ours + version + signal + ".txt");
        lab.spawn("client", cap, "tcpdump", "-i", "eth0", "-nn", "-e", "-tt", "-l", "arp or ip proto 112");
        NetLab.await(3_000, () -> NetLab.read(cap).contains("listening"));
        String tag = (ours ? "o" : "k") + version + signal;
        start(ours, "lb2", conf(100, "BACKUP", version, advert, 1), tag);
        for (int r = 0; r < REPS; r++) {
            Process m = start(ours, "lb1", conf(150, "MASTER", version, advert, 1), tag + r);
            if (!NetLab.await(20_000, () -> lab.hasAddress("lb1", VIP) && !lab.hasAddress("lb2", VIP))) {
                System.out.println("  rep " + r + ": lb1 did not become master, skipped");
                m.destroyForcibly();
                continue;
            }
            NetLab.await(1_500, () -> false);   // settle: a few adverts from the master
            // keepalived's VRRP work happens in a child process that gets SIGTERM (PR_SET_PDEATHSIG)
            // when its parent dies: a real crash kills every process, children first. The signals
            // go from this JVM (kill(2), ~10 us): spawning kill(1) took 5-8 ms, a noise for both.
            List<ProcessHandle> victims = new ArrayList<>();
            if (signal.equals("KILL")) {
                m.toHandle().descendants().forEach(victims::add);
            }
            victims.add(m.toHandle());
            Instant before = Instant.now();
            for (ProcessHandle h : victims) {
                if (signal.equals("KILL")) {
                    h.destroyForcibly();
                } else {
                    h.destroy();      // SIGTERM
                }
            }
            double since = epoch(before);
            // no reading and matching of the capture (this JVM's CPU) until the takeover is due:
            // the lab's daemons share this machine's cores with it
            sleepMillis(quietMillis(advert, signal));
            NetLab.await(10_000, () -> !Double.isNaN(firstGarp(cap, mac2, since)));
            double t = firstGarp(cap, mac2, since);
            if (!Double.isNaN(t)) {
                ms.add((t - since) * 1000);
                double p0 = first(PRIO0, cap, lab.mac("lb1"), since);
                if (!Double.isNaN(p0) && p0 <= t) {
                    toPrio0.add((p0 - since) * 1000);
                    prio0ToGarp.add((t - p0) * 1000);
                }
            }
            NetLab.await(5_000, () -> !m.isAlive());
            m.destroyForcibly();
            try {
                lab.in("lb1", "ip", "addr", "del", VIP + "/32", "dev", "eth0");
            } catch (IOException ignored) {
                // removed by the daemon itself (SIGTERM)
            }
        }
        return new Samples(ms, toPrio0, prio0ToGarp);
    }

    /** Skew_Time (SIGTERM) or Master_Down_Interval (SIGKILL) of the priority-100 backup, plus 30 ms. */
    static long quietMillis(String advert, String signal) {
        double a = Double.parseDouble(advert) * 1000;
        double skew = (256 - 100) * a / 256;
        return (long) ((signal.equals("KILL") ? 3 * a + skew : skew) + 30);
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String stats(List<Double> ms) {
        if (ms.isEmpty()) {
            return "no samples";
        }
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("median %7.1f ms  max %7.1f ms  (n=%d)", s.get(s.size() / 2), s.get(s.size() - 1), s.size());
    }

    static double median(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    @Test
    void failoverTimes() throws IOException {
        assumeTrue(NetLab.available() && NetLab.installed("keepalived") && NetLab.installed("tcpdump"));
        jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        String[][] cases = {{"3", "0.05", "KILL"}, {"3", "0.05", "TERM"}, {"2", "1", "KILL"}, {"2", "1", "TERM"}};
        System.out.println("FailoverBench: kill of the master -> first gratuitous ARP from the backup seen by the client");
        String only = System.getProperty("bench.only", "");   // e.g. 3:0.05:TERM
        for (String[] c : cases) {
            if (!only.isEmpty() && !only.equals(String.join(":", c))) {
                continue;
            }
            double[] med = new double[2];
            for (int d = 0; d < 2; d++) {
                boolean ours = d == 0;
                lab = new NetLab("lb1", "lb2", "client");
                try {
                    lab.in("lb1", "ip", "addr", "add", "198.51.100.11/24", "dev", "eth0");
                    lab.in("lb2", "ip", "addr", "add", "198.51.100.12/24", "dev", "eth0");
                    lab.in("client", "ip", "addr", "add", "198.51.100.50/24", "dev", "eth0");
                    Samples s = failovers(ours, Integer.parseInt(c[0]), c[1], c[2]);
                    med[d] = median(s.total());
                    System.out.printf("  v%s advert_int %-4s SIG%-4s %-12s %s%n", c[0], c[1], c[2],
                            ours ? "keepalived4j" : "keepalived", stats(s.total()));
                    if (!s.toPrio0().isEmpty()) {
                        System.out.printf("      kill -> priority 0 %s; priority 0 -> GARP %s%n", stats(s.toPrio0()),
                                stats(s.prio0ToGarp()));
                    }
                } finally {
                    lab.close();
                }
            }
            System.out.printf("  v%s advert_int %-4s SIG%-4s median ratio keepalived4j/keepalived: %.2f%n", c[0], c[1], c[2],
                    med[0] / med[1]);
        }
    }

    static long[] cpuAndRss(long pid) throws IOException {
        long ticks = 0;
        long rss = 0;
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long p : pids) {
            Path stat = Path.of("/proc", Long.toString(p), "stat");
            if (!Files.exists(stat)) {
                continue;
            }
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    rss += Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        }
        return new long[] {ticks, rss};
    }

    @Test
    void manyInstancesSteadyState() throws IOException {
        assumeTrue(NetLab.available() && NetLab.installed("keepalived"));
        jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        int seconds = Integer.getInteger("bench.seconds", 60);
        System.out.println("FailoverBench: 255 VRRPv3 instances at advert_int 0.05 on one interface, " + seconds + " s");
        for (int d = 0; d < 2; d++) {
            boolean ours = d == 0;
            lab = new NetLab("lb1", "lb2");
            try {
                lab.in("lb1", "ip", "addr", "add", "198.51.100.11/24", "dev", "eth0");
                lab.in("lb2", "ip", "addr", "add", "198.51.100.12/24", "dev", "eth0");
                Process m = start(ours, "lb1", conf(150, "MASTER", 3, "0.05", 255), "many");
                Process b = start(ours, "lb2", conf(100, "BACKUP", 3, "0.05", 255), "many");
                NetLab.await(20_000, () -> NetLab.read(dir.resolve("lb1many.log")).split("Entering MASTER STATE", -1)
                        .length > 255);
                NetLab.await(3_000, () -> false);
                String l1 = NetLab.read(dir.resolve("lb1many.log"));
                String l2 = NetLab.read(dir.resolve("lb2many.log"));
                long[] m0 = cpuAndRss(m.pid());
                long[] b0 = cpuAndRss(b.pid());
                NetLab.await(seconds * 1000L, () -> false);
                long[] m1 = cpuAndRss(m.pid());
                long[] b1 = cpuAndRss(b.pid());
                int spurious = count(NetLab.read(dir.resolve("lb1many.log")).substring(l1.length()))
                        + count(NetLab.read(dir.resolve("lb2many.log")).substring(l2.length()));
                double hz = 100.0;
                System.out.printf("  %-12s master: CPU %5.1f%% RSS %6d KiB | backup: CPU %5.1f%% RSS %6d KiB | "
                                + "transitions during the run: %d%n", ours ? "keepalived4j" : "keepalived",
                        (m1[0] - m0[0]) / hz / seconds * 100, m1[1], (b1[0] - b0[0]) / hz / seconds * 100, b1[1], spurious);
            } finally {
                lab.close();
            }
        }
    }

    static int count(String log) {
        int n = 0;
        for (String l : log.split("\n")) {
            if (l.contains("Entering ") && l.contains(" STATE")) {
                n++;
            }
        }
        return n;
    }
}
