package org.keepalived4j.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.it.NetLab;

/**
 * Benchmark, not a test: wall time of {@code -t} on a generated configuration with 255 VRRP
 * instances (4 VIPs each) and 5,000 real servers with TCP_CHECK, JVM start included, beside
 * keepalived 2.2.7 on the same file in a namespace with eth0. Prints medians; never fails on time.
 * Run: {@code mvn -Pbench verify -Dit.test=ConfigTestBench} (figures go to docs/benchmarks.md).
 */
class ConfigTestBench {
    static final int RUNS = 5;

    @TempDir
    Path dir;

    static String generate() {
        StringBuilder b = new StringBuilder("global_defs {\n  router_id BENCH\n}\n");
        for (int i = 0; i < 255; i++) {
            b.append("vrrp_instance VI_").append(i + 1).append(" {\n  state BACKUP\n  interface eth0\n  virtual_router_id ")
                    .append(i + 1).append("\n  priority 100\n  advert_int 1\n  version ").append(i < 128 ? 2 : 3)
                    .append("\n  virtual_ipaddress {\n");
            for (int k = 0; k < 4; k++) {
                b.append("    ").append(i < 128 ? (k < 2 ? "198.51.100." : "203.0.113.") + ((i * 2 + k % 2) % 256) + "/32"
                        : "2001:db8::" + Integer.toHexString(i) + ":" + (k + 1) + "/128").append('\n');
            }
            b.append("  }\n}\n");
        }
        for (int v = 0; v < 50; v++) {
            b.append("virtual_server 203.0.113.").append(v + 1).append(" 80 {\n  delay_loop 5\n  lb_algo rr\n")
                    .append("  lb_kind NAT\n  protocol TCP\n");
            for (int r = 0; r < 100; r++) {
                b.append("  real_server 198.51.100.").append(r % 250 + 1).append(' ').append(8000 + v * 100 + r)
                        .append(" {\n    weight 1\n    TCP_CHECK {\n      connect_timeout 3\n    }\n  }\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    /** One timed run: wall milliseconds (JVM start included) and exit status; -1/-1 when it timed out. */
    record Run(long millis, int exit) {
    }

    static Run time(List<String> cmd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Run(-1, -1); // reported, never a failure: a benchmark does not fail on time
        }
        return new Run((System.nanoTime() - t0) / 1_000_000, p.exitValue());
    }

    /** Median wall time of {@link #RUNS} runs (a timed-out run counts as the slowest), and the exit statuses seen. */
    static Run median(List<String> cmd) throws IOException, InterruptedException {
        long[] t = new long[RUNS];
        int exit = 0;
        for (int i = 0; i < RUNS; i++) {
            Run r = time(cmd);
            t[i] = r.millis() < 0 ? Long.MAX_VALUE : r.millis();
            exit = r.exit();
        }
        Arrays.sort(t);
        return new Run(t[RUNS / 2] == Long.MAX_VALUE ? -1 : t[RUNS / 2], exit);
    }

    @Test
    void configTestOfALargeConfiguration() throws IOException, InterruptedException {
        if (!NetLab.available()) {
            System.err.println("*** ConfigTestBench SKIPPED: needs root (it runs -t in a namespace with eth0) ***");
        }
        assumeTrue(NetLab.available(), "needs root for the namespace");
        Path conf = dir.resolve("gen.conf");
        Files.writeString(conf, generate());
        String jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        String ns = "k4jbench" + ProcessHandle.current().pid();
        NetLab.run("ip", "netns", "add", ns);
        try {
            NetLab.run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "peth0");
            List<String> in = List.of("ip", "netns", "exec", ns);
            List<String> plain = new ArrayList<>(in);
            plain.addAll(List.of("java", "-jar", jar, "-t", "-f", conf.toString()));
            List<String> tuned = new ArrayList<>(in);
            tuned.addAll(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "-t", "-f",
                    conf.toString()));
            Run ours = median(plain);
            Run oursTuned = median(tuned);
            System.out.printf("ConfigTestBench: %d lines, 255 VRRP instances x 4 VIPs, 5000 real servers with TCP_CHECK%n",
                    Files.readAllLines(conf).size());
            System.out.printf("  keepalived4j -t (java -jar)                      median of %d: %5d ms  (exit %d)%n",
                    RUNS, ours.millis(), ours.exit());
            System.out.printf("  keepalived4j -t (-XX:TieredStopAtLevel=1 serial) median of %d: %5d ms  (exit %d)%n",
                    RUNS, oursTuned.millis(), oursTuned.exit());
            if (NetLab.installed("keepalived")) {
                List<String> ka = new ArrayList<>(in);
                ka.addAll(List.of("keepalived", "-t", "-f", conf.toString()));
                Run k = median(ka);
                System.out.printf("  keepalived -t                                    median of %d: %5d ms  (exit %d)%n",
                        RUNS, k.millis(), k.exit());
                if (k.millis() > 0 && ours.millis() > 0) {
                    System.out.printf("  ratio ours/keepalived: %.1f (plain), %.1f (tuned)%n", (double) ours.millis() / k.millis(),
                            (double) oursTuned.millis() / k.millis());
                }
            } else {
                System.out.println("  keepalived is not installed: no comparison (apt-get install keepalived)");
            }
        } finally {
            NetLab.run("ip", "netns", "del", ns);
        }
    }
}
