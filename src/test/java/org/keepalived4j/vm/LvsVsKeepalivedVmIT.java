package org.keepalived4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our checker subsystem side by side with keepalived 2.2.7's on one configuration, in the IPVS
 * guest: the seed's virtual_server (lblc, DR, two real servers with TCP_CHECK, its 192.168.135.x
 * mapped to 198.51.100.x), a NAT rr service with inhibit_on_failure and a NAT rr service with
 * quorum 2 and a sorry_server. keepalived runs first, alone, then ours, against the same
 * namespaces and listeners. For each: the table after start, after one real server of each
 * service lost its listener (the DR one and 198.51.100.3:80) and after the listeners came back;
 * then SIGTERM. The normalised {@code ipvsadm -Ln} (sorted, counters dropped) must be equal at
 * every step, and so must the checker log lines (as a sorted list, without time stamps).
 * A step's table is taken once it matches the expected shape (bounded waits) and stayed the same
 * for 2 s; the detection times are printed, not asserted. The listeners are killed only after each
 * of the six checkers has logged its first success: keepalived logs a first check that fails as
 * {@code failed.} (no retries, check_tcp.c has_run), a later one as {@code failed after N retries.},
 * so killing them earlier made the log lines depend on where delay_loop's spreading put each check.
 */
class LvsVsKeepalivedVmIT {
    @BeforeAll
    static void vm() {
        IpvsVm.assumeAvailable();
    }

    static final String CONFIG = """
            global_defs {
              router_id LVS_1
            }
            virtual_server 198.51.100.237 22 {
                    delay_loop 6
                    lb_algo lblc
                    lb_kind DR
                    protocol TCP
                    real_server 198.51.100.238 143 {
                            weight 1
                            TCP_CHECK {
                                    connect_timeout 3
                                    connect_port 143
                                    retry 3
                                    delay_before_retry 3
                            }
                    }
                    real_server 198.51.100.239 143 {
                            weight 1
                            TCP_CHECK {
                                    connect_timeout 3
                                    connect_port 143
                                    retry 3
                                    delay_before_retry 3
                            }
                    }
            }
            virtual_server 203.0.113.10 80 {
                    delay_loop 2
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    inhibit_on_failure
                    real_server 198.51.100.2 80 {
                            weight 1
                            TCP_CHECK {
                                    connect_timeout 1
                            }
                    }
                    real_server 198.51.100.3 80 {
                            weight 2
                            TCP_CHECK {
                                    connect_timeout 1
                            }
                    }
            }
            virtual_server 203.0.113.11 80 {
                    delay_loop 2
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    quorum 2
                    sorry_server 198.51.100.4 80
                    real_server 198.51.100.2 80 {
                            weight 1
                            TCP_CHECK {
                                    connect_timeout 1
                            }
                    }
                    real_server 198.51.100.3 80 {
                            weight 1
                            TCP_CHECK {
                                    connect_timeout 1
                            }
                    }
            }
            """;

    /**
     * The guest's set-up for both side-by-side tests: IPVS modules, the real servers' namespaces
     * (198.51.100.2-4, .238, .239 on a bridge) each with a busybox httpd listener ({@code listen N
     * PORT} restarts one), and the helpers: {@code waitfor COND SECONDS}, {@code norm} (ipvsadm -Ln
     * sorted, counters dropped), {@code settle} (prints the table once it held still for 2 s),
     * {@code ms}. {@code $W} is the work directory.
     */
    static final String PROLOGUE = """
            set -u
            modprobe ip_vs; modprobe ip_vs_rr; modprobe ip_vs_lblc
            W=/tmp/side; mkdir -p $W/www; echo hello > $W/www/index.html
            waitfor() { for _ in $(seq 1 $2); do if eval "$1"; then return 0; fi; sleep 1; done; echo "TIMEOUT: $1"; return 1; }
            ip link add br0 type bridge; ip addr add 198.51.100.1/24 dev br0; ip link set br0 up
            for i in 2 3 4 238 239; do
              ip netns add rs$i; ip link add v$i type veth peer name eth0 netns rs$i
              ip link set v$i master br0; ip link set v$i up
              ip -n rs$i addr add 198.51.100.$i/24 dev eth0; ip -n rs$i link set eth0 up; ip -n rs$i link set lo up
            done
            listen() { ip netns exec rs$1 busybox httpd -f -p $2 -h $W/www & echo $! > $W/l$1.pid; }
            listen 2 80; listen 3 80; listen 4 80; listen 238 143; listen 239 143
            norm() { ipvsadm -Ln | awk '/^(TCP|UDP|SCTP|FWM) /{s=$1" "$2; r=""; for(i=3;i<=NF;i++) r=r" "$i; print s" :"r; next} /->/ && $2!="RemoteAddress:Port"{print s" -> "$2" "$3" "$4}' | LC_ALL=C sort; }
            settle() { local prev cur; prev=$(norm); for _ in $(seq 1 15); do sleep 2; cur=$(norm); if [ "$cur" = "$prev" ]; then echo "$cur"; return 0; fi; prev=$cur; done; echo "UNSETTLED"; echo "$cur"; }
            ms() { echo $(( $(date +%s%N) / 1000000 )); }
            """;

    /** How each daemon is started in the guest: keepalived 2.2.7, then ours through the launcher. */
    static String daemons(String jar, String launcher) {
        return "phase keepalived keepalived -C -n -l -D -f $W/k.conf -p $W/ka.pid -c $W/kac.pid\n"
                + "phase ours env KEEPALIVED4J_JAR=" + jar + " " + launcher
                + " -C -n -l -D -f $W/k.conf -p $W/k.pid -c $W/c.pid\n"
                + "echo '=== end'\nfor f in $W/l*.pid; do kill $(cat $f) 2>/dev/null; done\nexit 0\n";
    }

    static String config(String text) {
        return "cat > $W/k.conf <<'CONF'\n" + text + "CONF\n";
    }

    /** The guest script: namespaces and listeners once, then {@code phase} per daemon. */
    static String script(String jar, String launcher) {
        return PROLOGUE + config(CONFIG) + """
                started() { [ "$(norm | grep -c ' -> ')" -eq 6 ]; }
                isdown() { local n; n=$(norm); ! grep -q ' -> 198.51.100.239:' <<<"$n" && grep -q '^TCP 203.0.113.10:80 -> 198.51.100.3:80 Masq 0$' <<<"$n" && grep -q '^TCP 203.0.113.11:80 -> 198.51.100.4:80 ' <<<"$n" && ! grep -q '^TCP 203.0.113.11:80 -> 198.51.100.2:80 ' <<<"$n"; }
                phase() {
                  local name=$1; shift
                  "$@" > $W/$name.log 2>&1 &
                  local P=$!
                  waitfor started 240
                  waitfor '[ "$(grep -c "^.*TCP connection to .* success\\.$" $W/$name.log)" -ge 6 ]' 60
                  echo "=== $name start"; settle | tee $W/$name.start
                  kill $(cat $W/l3.pid) $(cat $W/l239.pid); local t0=$(ms)
                  waitfor isdown 120; echo "detect_ms=$(( $(ms) - t0 ))"
                  echo "=== $name down"; settle
                  listen 3 80; listen 239 143; t0=$(ms)
                  waitfor '[ "$(norm)" = "$(cat $W/$name.start)" ]' 120; echo "recover_ms=$(( $(ms) - t0 ))"
                  echo "=== $name up"; settle
                  kill -TERM $P; timeout 60 tail --pid=$P -f /dev/null; wait $P; echo "=== $name stopped rc=$?"; norm; ipvsadm -C
                  echo "=== $name log"; cat $W/$name.log
                }
                """ + daemons(jar, launcher);
    }

    static String section(String out, String name) {
        int a = out.indexOf("=== " + name);
        if (a < 0) {
            return "";
        }
        int from = out.indexOf('\n', a) + 1;
        int b = out.indexOf("=== ", from);
        return out.substring(from, b < 0 ? out.length() : b);
    }

    /** The table lines of a step (the detection time printed after it left out). */
    static String table(String out, String name) {
        return section(out, name).lines().filter(l -> l.startsWith("TCP ") || l.equals("UNSETTLED"))
                .reduce("", (a, l) -> a + l + "\n");
    }

    /** Lines both daemons print about checks and the IPVS table, without their time stamps. */
    static final Pattern CHECKER_LINE = Pattern.compile(".*?: ((TCP connection to|TCP_CHECK on service|Gained quorum"
            + "|Lost quorum|Starting with quorum|Adding sorry|Removing sorry|Enabling sorry|Disabling sorry"
            + "|Adding alive|Removing alive|Adding service|Removing service|Enabling service|Disabling service"
            + "|Shutting down service|WARNING - virtual server).*)");

    static List<String> checkerLines(String log) {
        return log.lines().map(CHECKER_LINE::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1))
                .sorted().toList();
    }

    @Test
    void sameTablesAsKeepalivedAfterStartFailureAndRecovery() throws Exception {
        String jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        String launcher = Path.of(System.getProperty("keepalived4j.basedir", ".")).toAbsolutePath()
                .resolve("packaging/keepalived").toString();
        IpvsVm.Result r = IpvsVm.run(script(jar, launcher), Duration.ofSeconds(900));
        String out = r.stdout();
        System.out.printf("LvsVsKeepalivedVmIT: exit %d, boot %d ms, whole run %d ms; keepalived %s %s, ours %s %s%n",
                r.exitCode(), r.bootMillis(), r.totalMillis(), first(section(out, "keepalived start"), "detect_ms"),
                first(section(out, "keepalived down"), "recover_ms"), first(section(out, "ours start"), "detect_ms"),
                first(section(out, "ours down"), "recover_ms"));
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(out.contains("=== end"), r::describe);
        assertFalse(out.contains("TIMEOUT:") || out.contains("UNSETTLED"), r::describe);
        for (String step : List.of("start", "down", "up")) {
            String theirs = table(out, "keepalived " + step);
            assertFalse(theirs.isEmpty(), r::describe);
            assertEquals(theirs, table(out, "ours " + step), () -> "ipvsadm -Ln after " + step + "\n" + r.describe());
        }
        assertTrue(table(out, "keepalived down").contains("TCP 203.0.113.11:80 -> 198.51.100.4:80 Masq 1"), r::describe);
        for (String who : List.of("keepalived", "ours")) {
            assertTrue(out.contains("=== " + who + " stopped rc=0\n"), r::describe);
            assertEquals("", section(out, who + " stopped"), () -> who + ": SIGTERM removes what was configured\n"
                    + r.describe());
        }
        List<String> theirs = checkerLines(section(out, "keepalived log"));
        assertTrue(theirs.contains("Lost quorum 2-0=2 > 1 for VS [203.0.113.11]:tcp:80"), r::describe);
        assertEquals(String.join("\n", theirs), String.join("\n", checkerLines(section(out, "ours log"))),
                () -> "the checker log lines\n" + r.describe());
    }

    private static String first(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElse(key + "=?");
    }
}
