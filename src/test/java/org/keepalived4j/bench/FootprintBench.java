package org.keepalived4j.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.it.NetLab;

/**
 * Benchmark, not a test (prints, never fails on figures), issue 4 item 5: footprint and start-up of our daemon run
 * through the launcher {@code packaging/keepalived} as installed, beside keepalived 2.2.7. Each daemon runs alone in
 * a lab: namespace "lb" (198.51.100.11 on the interface its config names) and "obs" on one bridge, where tcpdump's
 * adverts are read by a thread. Seed addresses 192.168.x.y become 198.51.100.y / 203.0.113.y.
 * {@code memory}: seed configs, VmRSS/VmHWM/Pss summed over the daemon's processes 10 s and {@code bench.seconds}
 * after its first advert. {@code startToFirstAdvert}: Instant.now() before the spawn to the kernel receive time of the
 * first advert (tcpdump -tt; both CLOCK_REALTIME). {@code jvmFlagSets}: both for KEEPALIVED4J_JVM_OPTS variants
 * ({@code -Dbench.sets=REGEX}). {@code manyInstances}: 255 VRRPv3 instances at 50 ms with the launcher's options
 * (or {@code -Dbench.opts}): RSS, CPU, GC, safepoints, transitions.
 * Run: {@code mvn -Pbench verify -Dit.test=FootprintBench[#memory] [-Dbench.reps=10] [-Dbench.seconds=60]}.
 */
class FootprintBench {
    static final int REPS = Integer.getInteger("bench.reps", 10);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    static final int PARALLEL = Integer.getInteger("bench.parallel", 3);
    static final Path BASE = Path.of(System.getProperty("keepalived4j.basedir", ".")).toAbsolutePath();
    static final Path LAUNCHER = BASE.resolve("packaging/keepalived");
    static final Pattern ADVERT = Pattern.compile("^(\\d+)\\.(\\d{6}) IP \\S+ > \\S+: VRRPv\\d, Advertisement, .*prio (\\d+)");

    @TempDir
    Path dir;
    String jar;
    int serial;

    static long micros(Instant i) { return i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000; }

    static void sleep(long ms) { NetLab.await(ms, () -> false); }

    static String load() { return NetLab.read(Path.of("/proc/loadavg")).strip(); }

    static void waitFor(Process p, int seconds) {
        try {
            p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The launcher's JVM_OPTS_DEFAULT line, unquoted. */
    static String defaultOpts() throws IOException {
        return Files.readAllLines(LAUNCHER).stream().filter(l -> l.startsWith("JVM_OPTS_DEFAULT=\""))
                .map(l -> l.substring(18, l.lastIndexOf('"'))).findFirst().orElseThrow(() -> new IOException("no JVM_OPTS_DEFAULT"));
    }

    void setUp() throws IOException {
        assumeTrue(NetLab.available() && NetLab.installed("keepalived") && NetLab.installed("tcpdump"));
        jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        System.out.printf("FootprintBench %s, %d cores, load %s, jar %s%n  JVM_OPTS_DEFAULT: %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), load(), jar, defaultOpts());
    }

    @AfterEach
    void loadAfter() {
        System.out.println("  load average at the end: " + load());
    }

    /** A seed config with its addresses moved to the test ranges (never 192.168.x.y on any link). */
    Path seed(String name, String priority) throws IOException {
        String t = Files.readString(BASE.resolve("src/test/resources/seed/" + name + ".conf"))
                .replaceAll("192\\.168\\.10\\.(\\d+)", "198.51.100.$1").replaceAll("192\\.168\\.135\\.(\\d+)", "203.0.113.$1");
        t = priority == null ? t : t.replaceFirst("priority \\d+", "priority " + priority);
        if (t.contains("192.168.")) {
            throw new IOException(name + ": an address outside the test ranges is left");
        }
        Path c = dir.resolve(name + (priority == null ? "" : "-" + priority) + ".conf");
        Files.writeString(c, t);
        return c;
    }

    /** One daemon alone on a bridge with an observer namespace whose tcpdump output a thread reads. */
    final class Box implements AutoCloseable {
        final NetLab lab = new NetLab("lb", "obs");
        final String ifname;
        final List<long[]> adverts = Collections.synchronizedList(new ArrayList<>()); // {epoch µs, priority}
        volatile boolean listening;
        Process tcpdump;
        Process daemon;

        Box(String ifname) throws IOException {
            this.ifname = ifname;
            try {
                String lb = lab.ns("lb", false);
                if (!ifname.equals("eth0")) {   // the dovecot configs name ens18
                    NetLab.run("ip", "-n", lb, "link", "set", "eth0", "down");
                    NetLab.run("ip", "-n", lb, "link", "set", "eth0", "name", ifname);
                    NetLab.run("ip", "-n", lb, "link", "set", ifname, "up");
                }
                NetLab.run("ip", "-n", lb, "addr", "add", "198.51.100.11/24", "dev", ifname);
                lab.in("obs", "ip", "addr", "add", "198.51.100.50/24", "dev", "eth0");
                tcpdump = new ProcessBuilder("ip", "netns", "exec", lab.ns("obs", false), "tcpdump", "-i", "eth0", "-l", "-n",
                        "-tt", "--immediate-mode", "ip proto 112").redirectErrorStream(true).start();
                Thread r = new Thread(this::read, "tcpdump-" + lb);
                r.setDaemon(true);
                r.start();
                if (!NetLab.await(10_000, () -> listening)) {
                    throw new IOException("tcpdump did not start");
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        private void read() {
            try (BufferedReader in = tcpdump.inputReader()) {
                for (String l; (l = in.readLine()) != null;) {
                    listening |= l.startsWith("listening on");
                    Matcher m = ADVERT.matcher(l);
                    if (m.find()) {
                        adverts.add(new long[] {Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)),
                                Integer.parseInt(m.group(3))});
                    }
                }
            } catch (IOException e) {
                // tcpdump was stopped
            }
        }

        /** Spawns a daemon; returns the epoch µs read just before the spawn. */
        long start(boolean ours, Path conf, Map<String, String> env, String... extra) throws IOException {
            String tag = "d" + ++serial;
            List<String> cmd = new ArrayList<>(List.of(ours ? LAUNCHER.toString() : "keepalived", "-n", "-l", "-G", "-f",
                    conf.toString(), "-p", dir.resolve(tag + ".pid").toString(), "-r", dir.resolve(tag + "v.pid").toString()));
            cmd.addAll(ours ? List.of() : List.of("-c", dir.resolve(tag + "c.pid").toString()));
            cmd.addAll(List.of(extra));
            Map<String, String> e = new HashMap<>(Map.of("KEEPALIVED4J_JAR", jar, "KEEPALIVED4J_JVM_OPTS", ""));
            e.putAll(env);
            long t0 = micros(Instant.now());
            daemon = lab.spawn("lb", dir.resolve(tag + ".log"), e, cmd.toArray(String[]::new));
            return t0;
        }

        /** Epoch µs of the first advert with a priority above 0 at or after {@code since}, or -1. */
        long firstAdvert(long since, long timeoutMillis) {
            long[] t = {-1};
            NetLab.await(timeoutMillis, () -> {
                synchronized (adverts) {
                    adverts.stream().filter(a -> a[0] >= since && a[1] > 0).findFirst().ifPresent(a -> t[0] = a[0]);
                }
                return t[0] >= 0;
            });
            return t[0];
        }

        /** SIGTERM to the daemon's pid, 10 s to exit, then SIGKILL to it and its children; leftover VIPs removed. */
        void stop() {
            Process p = daemon;
            daemon = null;
            if (p == null) {
                return;
            }
            List<ProcessHandle> kids = p.toHandle().descendants().toList();
            p.destroy();
            waitFor(p, 10);
            p.destroyForcibly();
            kids.forEach(ProcessHandle::destroyForcibly);
            kids.forEach(k -> k.onExit().completeOnTimeout(k, 5, TimeUnit.SECONDS).join());
            try {
                NetLab.run("ip", "-n", lab.ns("lb", false), "addr", "flush", "dev", ifname);
                NetLab.run("ip", "-n", lab.ns("lb", false), "addr", "add", "198.51.100.11/24", "dev", ifname);
            } catch (IOException e) {
                System.out.println("  (could not reset " + ifname + ": " + e.getMessage() + ")");
            }
        }

        @Override
        public void close() {
            stop();
            if (tcpdump != null) {
                tcpdump.destroy();
                waitFor(tcpdump, 5);
                tcpdump.destroyForcibly();
            }
            lab.close();
        }
    }

    /** Summed over a process and its descendants: VmRSS, VmHWM, Pss (KiB), processes, CPU ticks (user+sys). */
    record Mem(long rss, long hwm, long pss, int procs, long ticks) {
        static Mem of(Process p) {
            long rss = 0, hwm = 0, pss = 0, ticks = 0;
            int n = 0;
            List<Long> pids = new ArrayList<>(List.of(p.pid()));
            p.toHandle().descendants().forEach(h -> pids.add(h.pid()));
            for (long pid : pids) {
                try {
                    Path proc = Path.of("/proc", Long.toString(pid));
                    rss += kib(proc.resolve("status"), "VmRSS:");
                    hwm += kib(proc.resolve("status"), "VmHWM:");
                    pss += kib(proc.resolve("smaps_rollup"), "Pss:");
                    String s = Files.readString(proc.resolve("stat"));
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    n++;
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
            return new Mem(rss, hwm, pss, n, ticks);
        }

        static long kib(Path file, String key) throws IOException {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .sum();
        }

        static String cell(Mem m) {
            return m == null ? "      -       -       -" : String.format("%,7d %,7d %,7d", m.rss, m.hwm, m.pss);
        }
    }

    /** Starts one daemon per box at once; samples each 10 s and SECONDS s after its first advert. */
    Mem[][] measure(List<Box> boxes, List<Boolean> ours, Path conf, List<Map<String, String>> envs, String... kaExtra)
            throws IOException {
        int n = boxes.size();
        long[] t0 = new long[n];
        for (int i = 0; i < n; i++) {
            t0[i] = boxes.get(i).start(ours.get(i), conf, envs.get(i), ours.get(i) ? new String[0] : kaExtra);
        }
        Mem[][] m = new Mem[n][2];
        List<long[]> due = new ArrayList<>(); // {epoch µs, box, sample}
        for (int i = 0; i < n; i++) {
            long master = boxes.get(i).firstAdvert(t0[i], 30_000);
            if (master < 0) {
                System.out.println("  (no advert from box " + i + " within 30 s: not measured)");
                continue;
            }
            due.add(new long[] {master + 10_000_000L, i, 0});
            due.add(new long[] {master + SECONDS * 1_000_000L, i, 1});
        }
        due.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] d : due) {
            sleep(Math.max(0, (d[0] - micros(Instant.now())) / 1000));
            Process p = boxes.get((int) d[1]).daemon;
            m[(int) d[1]][(int) d[2]] = p != null && p.isAlive() ? Mem.of(p) : null;
        }
        boxes.forEach(Box::stop);
        return m;
    }

    @Test
    void memory() throws IOException {
        setUp();
        System.out.printf("memory, KiB summed over the daemon's processes, 10 s | %d s after its first advert as MASTER%n", SECONDS);
        System.out.printf("  %-15s %-16s %5s | %7s %7s %7s | %7s %7s %7s | ratio RSS%n", "seed config", "daemon", "procs",
                "RSS", "HWM", "PSS", "RSS", "HWM", "PSS");
        for (String s : List.of("vip-master", "vip-backup", "dovecot-master", "dovecot-backup")) {
            Path conf = seed(s, null);
            String nic = Files.readString(conf).contains("interface ens18") ? "ens18" : "eth0";   // as the config names it
            try (Box a = new Box(nic); Box b = new Box(nic)) {
                // This kernel has no IPVS: keepalived's checker child exits FATAL and takes the daemon down, so keepalived
                // runs the dovecot configs with --vrrp (-P: parent + VRRP child); we announce the LVS part and run VRRP.
                Mem[][] m = measure(List.of(a, b), List.of(true, false), conf, List.of(Map.of(), Map.of()),
                        s.startsWith("dovecot") ? new String[] {"-P"} : new String[0]);
                for (int d = 0; d < 2; d++) {
                    System.out.printf("  %-15s %-16s %5s | %s | %s | %s%n", s, d == 0 ? "keepalived4j" : "keepalived 2.2.7",
                            m[d][1] == null ? "-" : m[d][1].procs(), Mem.cell(m[d][0]), Mem.cell(m[d][1]), d == 1
                                    || m[0][1] == null || m[1][1] == null ? "" : String.format("%.1f", (double) m[0][1].rss() / m[1][1].rss()));
                }
            }
        }
    }

    /** "median min max (n)" */
    static String stats(List<Double> v) {
        return String.format("%7.1f %7.1f %7.1f (n=%d)", FailoverBench.median(v), v.stream().mapToDouble(d -> d).min().orElse(Double.NaN),
                v.stream().mapToDouble(d -> d).max().orElse(Double.NaN), v.size());
    }

    /** Per variant: wall ms spawn -> first advert, and CPU ms (user+sys, read when the advert is seen, ≤ 20 ms later). */
    record Starts(List<List<Double>> wall, List<List<Double>> cpu) { }

    /** REPS starts per variant, interleaved (rep 1 of every variant, then rep 2, ...), one daemon at a time. */
    Starts starts(List<Box> boxes, List<Boolean> ours, Path conf, List<Map<String, String>> envs) throws IOException {
        Starts st = new Starts(new ArrayList<>(), new ArrayList<>());
        boxes.forEach(b -> st.wall().add(new ArrayList<>()));
        boxes.forEach(b -> st.cpu().add(new ArrayList<>()));
        for (int r = 0; r < REPS; r++) {
            for (int i = 0; i < boxes.size(); i++) {
                Box b = boxes.get(i);
                long t0 = b.start(ours.get(i), conf, envs.get(i));
                long t = b.firstAdvert(t0, 20_000);
                if (t >= 0) {
                    st.wall().get(i).add((t - t0) / 1000.0);
                    st.cpu().get(i).add(Mem.of(b.daemon).ticks() * 10.0);
                }
                b.stop();
                sleep(300);
            }
        }
        return st;
    }

    @Test
    void startToFirstAdvert() throws IOException {
        setUp();
        double masterDown = 3000 + (256 - 101) * 1000.0 / 256;   // seed MASTER: v2, advert_int 1, priority 101
        System.out.printf("spawn -> first VRRP advert on the wire, %d reps each, ms: median min max | CPU ms by then%n", REPS);
        try (Box a = new Box("eth0"); Box b = new Box("eth0")) {
            for (String prio : new String[] {"255", null}) {
                Starts st = starts(List.of(a, b), List.of(true, false), seed("vip-master", prio), List.of(Map.of(), Map.of()));
                double o = FailoverBench.median(st.wall().get(0));
                double k = FailoverBench.median(st.wall().get(1));
                System.out.printf("  %-29s keepalived4j     %s | %s%n  %-29s keepalived 2.2.7 %s | %s%n  %-29s median ratio %.2f%n",
                        prio == null ? "seed MASTER (priority 101)" : "address owner (priority 255)", stats(st.wall().get(0)),
                        stats(st.cpu().get(0)), "", stats(st.wall().get(1)), stats(st.cpu().get(1)), "", o / k);
                if (prio == null) {
                    System.out.printf("  %-29s minus Master_Down %.1f ms: keepalived4j %.1f, keepalived %.1f, ratio %.2f%n", "",
                            masterDown, o - masterDown, k - masterDown, (o - masterDown) / (k - masterDown));
                }
            }
        }
    }

    /** A CDS archive trained on a daemon run (owner config, until 2 s after its first advert, then SIGTERM). */
    String daemonArchive(Path conf) throws IOException {
        Path jsa = dir.resolve("daemon.jsa");
        try (Box b = new Box("eth0")) {
            b.firstAdvert(b.start(true, conf, Map.of("KEEPALIVED4J_CDS_DUMP", jsa.toString())), 20_000);
            sleep(2_000);
        }
        System.out.println("  daemon-trained archive: " + (Files.exists(jsa) ? Files.size(jsa) + " bytes" : "NOT WRITTEN"));
        return jsa.toString();
    }

    @Test
    void jvmFlagSets() throws IOException {
        setUp();
        Path owner = seed("vip-master", "255");
        String def = defaultOpts();
        String jsa = Path.of(jar).resolveSibling("keepalived.jsa").toString();
        String djsa = daemonArchive(owner);
        String diag = def + " -XX:+UnlockDiagnosticVMOptions";
        Map<String, String[]> sets = new LinkedHashMap<>();   // name -> {KEEPALIVED4J_JVM_OPTS, KEEPALIVED4J_JSA}
        sets.put("default (launcher), -t archive", new String[] {def, jsa});
        sets.put("default, no app archive", new String[] {def, "/nonexistent.jsa"});
        sets.put("default, -Xshare:off", new String[] {def + " -Xshare:off", jsa});
        sets.put("default, daemon-trained archive", new String[] {def, djsa});
        sets.put("without -XX:CICompilerCount=1", new String[] {def.replace(" -XX:CICompilerCount=1", ""), jsa});
        sets.put("+ -XX:-UsePerfData", new String[] {def + " -XX:-UsePerfData", jsa});
        sets.put("+ -XX:TrimNativeHeapInterval=10000", new String[] {def + " -XX:TrimNativeHeapInterval=10000", jsa});
        sets.put("-Xss256k", new String[] {def.replace("-Xss512k", "-Xss256k"), jsa});
        sets.put("-Xmx24m -XX:ReservedCodeCacheSize=12m", new String[] {def.replace("-Xmx48m", "-Xmx24m")
                .replace("ReservedCodeCacheSize=24m", "ReservedCodeCacheSize=12m"), jsa});
        sets.put("+ -XX:-UseCompressedClassPointers", new String[] {def + " -XX:-UseCompressedClassPointers", jsa});
        sets.put("G1 instead of Serial", new String[] {def.replace("-XX:+UseSerialGC", "-XX:+UseG1GC"), jsa});
        sets.put("+ -XX:-BytecodeVerificationRemote", new String[] {diag + " -XX:-BytecodeVerificationRemote", jsa});
        sets.put("+ -XX:ArchiveRelocationMode=0", new String[] {diag + " -XX:ArchiveRelocationMode=0", jsa});
        sets.put("+ -XX:CompileThresholdScaling=4", new String[] {def + " -XX:CompileThresholdScaling=4", jsa});
        sets.keySet().removeIf(k -> !k.matches(System.getProperty("bench.sets", ".*")));   // e.g. -Dbench.sets='default.*'
        List<String> names = new ArrayList<>(sets.keySet());
        List<Map<String, String>> envs = new ArrayList<>();
        sets.values().forEach(v -> envs.add(Map.of("KEEPALIVED4J_JVM_OPTS", v[0], "KEEPALIVED4J_JSA", v[1])));
        Mem[][] mem = new Mem[names.size()][];
        for (int from = 0; from < names.size(); from += PARALLEL) {   // memory: seed MASTER, PARALLEL labs at a time
            int to = Math.min(names.size(), from + PARALLEL);
            List<Box> boxes = new ArrayList<>();
            try {
                for (int i = from; i < to; i++) {
                    boxes.add(new Box("eth0"));
                }
                System.arraycopy(measure(boxes, Collections.nCopies(to - from, true), seed("vip-master", null),
                        envs.subList(from, to)), 0, mem, from, to - from);
            } finally {
                boxes.forEach(Box::close);
            }
        }
        Starts st;
        try (Box b = new Box("eth0")) {   // start-up: owner config, one daemon at a time
            st = starts(Collections.nCopies(names.size(), b), Collections.nCopies(names.size(), true), owner, envs);
        }
        System.out.printf("JVM option sets: memory of the seed MASTER 10 s | %d s after its first advert (%d labs at a time); "
                + "start-up of the owner config, %d reps interleaved%n", SECONDS, PARALLEL, REPS);
        System.out.printf("  %-38s | %7s %7s %7s | %7s %7s %7s | %s%n", "set", "RSS", "HWM", "PSS", "RSS", "HWM", "PSS",
                "spawn -> first advert ms: median min max | CPU ms");
        for (int i = 0; i < names.size(); i++) {
            System.out.printf("  %-38s | %s | %s | %s | %s%n", names.get(i), Mem.cell(mem[i][0]), Mem.cell(mem[i][1]),
                    stats(st.wall().get(i)), stats(st.cpu().get(i)));
        }
    }

    /** GCs, their total pause and the longest safepoint, from a -Xlog:gc,safepoint file. */
    static String gcSummary(Path log) {
        String text = NetLab.read(log);
        List<MatchResult> gc = Pattern.compile("Pause (Young|Full)\\b.* (\\d+\\.\\d+)ms").matcher(text).results().toList();
        return String.format("GCs since start: %d young, %d full, %.1f ms paused; longest safepoint %.1f ms",
                gc.stream().filter(r -> r.group(1).equals("Young")).count(), gc.stream().filter(r -> r.group(1).equals("Full")).count(),
                gc.stream().mapToDouble(r -> Double.parseDouble(r.group(2))).sum(), Pattern.compile("Total: (\\d+) ns").matcher(text)
                        .results().mapToLong(r -> Long.parseLong(r.group(1))).max().orElse(0) / 1e6);
    }

    @Test
    void manyInstances() throws IOException {
        setUp();
        String opts = System.getProperty("bench.opts", defaultOpts());
        System.out.printf("FailoverBench's 255 VRRPv3 instances at advert_int 0.05, master 150 + backup 100, launcher, %d s%n"
                + "  options: %s (+ -Xlog:gc,safepoint)%n", SECONDS, opts);
        try (NetLab lab = new NetLab("lb1", "lb2")) {
            Process[] p = new Process[2];
            String[] host = {"lb1", "lb2"};
            for (int i = 0; i < 2; i++) {
                lab.in(host[i], "ip", "addr", "add", "198.51.100.1" + (i + 1) + "/24", "dev", "eth0");
                Path c = dir.resolve(host[i] + "-255.conf");
                Files.writeString(c, new FailoverBench().conf(i == 0 ? 150 : 100, i == 0 ? "MASTER" : "BACKUP", 3, "0.05", 255));
                p[i] = lab.spawn(host[i], dir.resolve(host[i] + "-255.log"), Map.of("KEEPALIVED4J_JAR", jar,
                        "KEEPALIVED4J_JVM_OPTS", opts + " -Xlog:gc,safepoint:file=" + dir.resolve(host[i] + "-gc.log") + ":uptime"),
                        LAUNCHER.toString(), "-n", "-l", "-G", "-f", c.toString(), "-p", dir.resolve(host[i] + ".pid").toString(),
                        "-r", dir.resolve(host[i] + "v.pid").toString());
            }
            boolean up = NetLab.await(30_000, () -> NetLab.read(dir.resolve("lb1-255.log")).split("Entering MASTER STATE", -1)
                    .length > 255);
            sleep(3_000);
            int[] before = new int[2];
            Mem[] m0 = new Mem[2];
            for (int i = 0; i < 2; i++) {
                before[i] = FailoverBench.count(NetLab.read(dir.resolve(host[i] + "-255.log")));
                m0[i] = Mem.of(p[i]);
            }
            sleep(SECONDS * 1000L);
            for (int i = 0; i < 2; i++) {
                Mem m1 = Mem.of(p[i]);
                String log = NetLab.read(dir.resolve(host[i] + "-255.log"));
                System.out.printf("  %s: all 255 masters up: %s, alive after %d s: %s, RSS %,d KiB (HWM %,d, PSS %,d), CPU %.1f %%, "
                                + "transitions during the run %d%n    %s%n", host[i], up, SECONDS, p[i].isAlive(), m1.rss(), m1.hwm(),
                        m1.pss(), (m1.ticks() - m0[i].ticks()) / (SECONDS * 100.0) * 100, FailoverBench.count(log) - before[i],
                        gcSummary(dir.resolve(host[i] + "-gc.log")));
                log.lines().filter(l -> l.contains("Entering ")).skip(before[i]).findFirst()
                        .ifPresent(l -> System.out.println("    first transition during the run: " + l));
                p[i].destroy();
            }
            List.of(p).forEach(q -> waitFor(q, 10));
        }
    }
}
