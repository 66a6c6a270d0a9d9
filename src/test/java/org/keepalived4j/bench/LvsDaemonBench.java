package org.keepalived4j.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keepalived4j.vm.IpvsVm;

/**
 * Benchmark, not a test (prints figures, never fails on them): the whole checker daemon with N
 * real servers checked by TCP_CHECK at delay_loop 1, keepalived 2.2.7 ({@code keepalived -C}) and
 * ours (the launcher, {@code -C}) one after the other in the same IPVS guest, against the same
 * listeners. The checker subsystem needs IPVS (without it keepalived's checker exits and ours does
 * not start its checks), and this host's kernel has none: so it runs in the QEMU guest (TCG, no
 * KVM: absolute figures are inflated several times; compare the two daemons of one run).
 *
 * <p>Per daemon: CPU (utime + stime of all its processes from /proc over a window after a warm-up,
 * as % of one CPU), RSS (sum of VmRSS), checks per second (connections accepted by the listeners),
 * the time from killing the listeners of 5 real servers to each "Removing service" line (lines
 * time-stamped as they are written, ms), and false downs (real servers other than those 5 reported
 * failed or removed during the run). Listeners: a small C program (src/test/resources/bench/
 * listener.c, built with the host's gcc) accepting and closing on every port, in one namespace.
 *
 * <p>Run (as root): {@code mvn -B -Pbench verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=LvsDaemonBench}; sizes {@code -Dbench.rs=1000,10000}, window {@code -Dbench.seconds=30}
 * after {@code -Dbench.warmup=15} s; our JVM options {@code -Dbench.jvmOpts=...} (default: the
 * launcher's: C1 only, 48 MB heap); a third phase runs ours with {@code -Dbench.c2=OPTIONS} (default:
 * full JIT, SerialGC, 256 MB heap; empty to skip). Figures go to docs/benchmarks.md.
 */
class LvsDaemonBench {
    static final Path BASEDIR = Path.of(System.getProperty("keepalived4j.basedir", ".")).toAbsolutePath();
    static final int VICTIMS = 5;

    @Test
    void tcpChecksAtDelayLoopOneBesideKeepalived() throws Exception {
        IpvsVm.assumeAvailable();
        Path listener = BASEDIR.resolve("target/bench-listener");
        assumeTrue(compile(listener), "LvsDaemonBench needs gcc to build its listener");
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 15);
        List<String> report = new ArrayList<>();
        for (String s : System.getProperty("bench.rs", "1000,10000").split(",")) {
            int n = Integer.parseInt(s.trim());
            Path conf = BASEDIR.resolve("target/bench-lvs-" + n + ".conf");
            Files.writeString(conf, config(n));
            String hostLoad = Files.readString(Path.of("/proc/loadavg")).trim();
            IpvsVm.Result r = IpvsVm.run(script(n, conf, listener, warmup, seconds), Duration.ofSeconds(3000));
            System.out.println("LvsDaemonBench n=" + n + " guest output:\n" + r.stdout() + r.stderr());
            for (String line : r.stdout().split("\n")) {
                if (line.startsWith("RESULT ")) {
                    report.add("n=" + n + " " + line.substring(7) + " | host load before: " + hostLoad);
                }
            }
        }
        System.out.println("LvsDaemonBench: TCP_CHECK, delay_loop 1, window " + seconds + " s after " + warmup
                + " s warm-up, in the QEMU guest (TCG, 2 vCPUs); load average now "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        report.forEach(l -> System.out.println("  " + l));
    }

    /** Builds the listener with the host's gcc into target/ (the guest runs the host's files). */
    static boolean compile(Path out) throws IOException, InterruptedException {
        Path src = BASEDIR.resolve("src/test/resources/bench/listener.c");
        try {
            Process p = new ProcessBuilder("gcc", "-O2", "-o", out.toString(), src.toString()).inheritIO().start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * N real servers in virtual servers of up to 1,000 each (203.0.113.10+v:80, NAT rr); the real
     * servers of virtual server v are 198.51.100.(2+v):10000+i, and the first one also holds the
     * {@value #VICTIMS} victims 198.51.100.50:10000-10004 (own listener, killed during the run).
     */
    static String config(int n) {
        StringBuilder sb = new StringBuilder("global_defs {\n  router_id BENCH\n}\n");
        int perVs = Math.min(n, 1000);
        int vss = (n + perVs - 1) / perVs;
        for (int v = 0; v < vss; v++) {
            sb.append("virtual_server 203.0.113.").append(10 + v).append(" 80 {\n  delay_loop 1\n  lb_algo rr\n")
                    .append("  lb_kind NAT\n  protocol TCP\n");
            int regular = Math.min(perVs, n - v * perVs) - (v == 0 ? VICTIMS : 0);
            for (int i = 0; i < regular; i++) {
                rs(sb, "198.51.100." + (2 + v), 10000 + i);
            }
            if (v == 0) {
                for (int i = 0; i < VICTIMS; i++) {
                    rs(sb, "198.51.100.50", 10000 + i);
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static void rs(StringBuilder sb, String ip, int port) {
        sb.append("  real_server ").append(ip).append(' ').append(port).append(" {\n    weight 1\n")
                .append("    TCP_CHECK {\n      connect_timeout 3\n    }\n  }\n");
    }

    static String script(int n, Path conf, Path listener, int warmup, int seconds) {
        int perVs = Math.min(n, 1000);
        int vss = (n + perVs - 1) / perVs;
        StringBuilder listen = new StringBuilder();
        for (int v = 0; v < vss; v++) {
            int regular = Math.min(perVs, n - v * perVs) - (v == 0 ? VICTIMS : 0);
            listen.append(" 198.51.100.").append(2 + v).append(" 10000 ").append(regular);
        }
        String jvmOpts = System.getProperty("bench.jvmOpts", "");
        // a second run of ours with the full JIT (C2) and a larger heap, unless -Dbench.c2=
        String c2 = System.getProperty("bench.c2", "-XX:+UseSerialGC -Xms16m -Xmx256m -XX:+ExitOnOutOfMemoryError");
        String ours = (jvmOpts.isEmpty() ? "" : "KEEPALIVED4J_JVM_OPTS='" + jvmOpts + "' ") + "KEEPALIVED4J_JAR="
                + BASEDIR.resolve("target/keepalived.jar") + " " + BASEDIR.resolve("packaging/keepalived");
        return """
                set -u
                modprobe ip_vs; modprobe ip_vs_rr
                ulimit -n 1048576
                sysctl -qw net.ipv4.ip_local_port_range="15000 65000"
                N=%d; VSS=%d; WARMUP=%d; WINDOW=%d; L=%s; CONF=%s
                W=/tmp/bench; mkdir -p $W
                ip netns add rs; ip link add vrs type veth peer name eth0 netns rs
                ip addr add 198.51.100.1/24 dev vrs; ip link set vrs up
                for v in $(seq 0 $((VSS - 1))); do ip -n rs addr add 198.51.100.$((2 + v))/24 dev eth0; done
                ip -n rs addr add 198.51.100.50/24 dev eth0; ip -n rs link set eth0 up; ip -n rs link set lo up
                ip netns exec rs $L %s > $W/listen.out 2>&1 & echo $! > $W/listen.pid
                victims() { ip netns exec rs $L 198.51.100.50 10000 %d > $W/victims.out 2>&1 & echo $! > $W/victims.pid; }
                victims
                ms() { echo $(( $(date +%%s%%N) / 1000000 )); }
                ts() { python3 -u -c 'import sys,time
                for l in sys.stdin: sys.stdout.write("%%d %%s" %% (time.time()*1000, l))'; }
                waitfor() { for _ in $(seq 1 $2); do if eval "$1"; then return 0; fi; sleep 1; done; echo "TIMEOUT: $1"; return 1; }
                tree() { local p=$1; echo $p; for c in $(cat /proc/$p/task/*/children 2>/dev/null); do tree $c; done; }
                cpu() { local t=0; for p in $(tree $1); do set -- $(cut -d' ' -f14,15 /proc/$p/stat 2>/dev/null); t=$((t + ${1:-0} + ${2:-0})); done; echo $t; }
                rss() { local t=0 k; for p in $(tree $1); do k=$(awk '/^VmRSS/{print $2}' /proc/$p/status 2>/dev/null); t=$((t + ${k:-0})); done; echo $t; }
                accepted() { tail -1 $W/listen.out | cut -d' ' -f2; }
                phase() {
                  local name=$1; shift
                  rm -f $W/$name.pid
                  { echo $BASHPID > $W/$name.pid; exec "$@"; } 2>&1 | ts > $W/$name.log &
                  waitfor "[ -s $W/$name.pid ]" 30
                  local P=$(cat $W/$name.pid)
                  local t0=$(ms)
                  waitfor '[ "$(grep -c "Activating healthchecker" $W/$name.log)" -ge $N ]' 1200
                  echo "$name: $N checkers active after $(( $(ms) - t0 )) ms; pids $(tree $P | tr '\\n' ' ')"
                  sleep $WARMUP
                  local c0=$(cpu $P) a0=$(accepted) m0=$(ms)
                  sleep $WINDOW
                  local c1=$(cpu $P) a1=$(accepted) m1=$(ms)
                  local rsskib=$(rss $P)
                  local cpupct=$(( (c1 - c0) * 10 * 1000 / (m1 - m0) ))
                  local cps=$(( (a1 - a0) * 1000 / (m1 - m0) ))
                  local V='Removing service \\[198.51.100.50\\]' A='Adding service \\[198.51.100.50\\]'
                  local early=$(grep -c "$V" $W/$name.log)
                  kill $(cat $W/victims.pid); local k=$(ms)
                  waitfor '[ "$(grep -c "$V" $W/$name.log)" -ge $((early + %d)) ]' 300
                  local det=$(grep "$V" $W/$name.log | tail -n +$((early + 1)) | awk -v k=$k '{printf "%%d ", $1 - k}')
                  local added=$(grep -c "$A" $W/$name.log)
                  victims
                  waitfor '[ "$(grep -c "$A" $W/$name.log)" -ge $((added + %d)) ]' 300
                  local falsedown=$(grep -E "Removing service|TCP_CHECK on service" $W/$name.log | grep -vc "198.51.100.50")
                  echo "RESULT $name cpu=$((cpupct / 10)).$((cpupct %% 10))%%_of_one_vCPU rss=${rsskib}KiB checks/s=$cps detect_ms=[ $det] false_downs=$falsedown victims_down_before_kill=$early guest_load=$(cut -d' ' -f1-3 /proc/loadavg)"
                  local s0=$(ms)
                  kill -TERM $P; timeout 600 tail --pid=$P -f /dev/null
                  echo "$name: stopped in $(( $(ms) - s0 )) ms; IPVS dests left: $(ipvsadm -Ln | grep -c -- '-> [0-9]')"
                  ipvsadm -C
                  grep -v "Activating healthchecker\\|TCP connection to\\|Shutting down service" $W/$name.log | tail -40
                }
                phase keepalived keepalived -C -n -l -f $CONF -p $W/ka.pid -c $W/kac.pid
                phase keepalived4j env %s -C -n -l -f $CONF -p $W/k.pid -c $W/c.pid
                %s
                echo "ListenOverflows (rs namespace): $(ip netns exec rs nstat -az TcpExtListenOverflows 2>/dev/null | awk '/ListenOverflows/{print $2}')"
                kill $(cat $W/listen.pid) $(cat $W/victims.pid) 2>/dev/null
                exit 0
                """.formatted(n, vss, warmup, seconds, listener, conf, listen, VICTIMS, VICTIMS, VICTIMS, ours,
                c2.isEmpty() ? "" : "phase keepalived4j-c2 env KEEPALIVED4J_JVM_OPTS='" + c2 + "' " + ours
                        + " -C -n -l -f $CONF -p $W/k.pid -c $W/c.pid");
    }
}
