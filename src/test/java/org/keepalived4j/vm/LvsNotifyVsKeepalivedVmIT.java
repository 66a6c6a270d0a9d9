package org.keepalived4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * notify_up / notify_down, quorum_up / quorum_down, omega and ha_suspend side by side with
 * keepalived 2.2.7's checker in the IPVS guest (same harness as {@link LvsVsKeepalivedVmIT}).
 * Virtual server A (quorum 2, omega, 198.51.100.3 with an alpha checker) and B (ha_suspend on
 * 203.0.113.20, which is not on the host at first) both run scripts that append their arguments to
 * one file. Steps: start; 198.51.100.3's listener dies (A reacts, B is suspended and keeps it);
 * 203.0.113.20 is added to lo (B's checkers activate and remove .3); .3 comes back; the address is
 * removed (B suspends) and .2's listener dies (only A reacts); SIGTERM. After each step the
 * table, the scripts run during it (sorted) and finally the checker log lines must equal
 * keepalived's.
 */
class LvsNotifyVsKeepalivedVmIT {
    @BeforeAll
    static void vm() {
        IpvsVm.assumeAvailable();
    }

    static String rs(String vs, int i, String extra) {
        return "        real_server 198.51.100." + i + " 80 {\n"
                + "                weight 1\n"
                + "                notify_up \"/tmp/side/note.sh up " + vs + i + "\"\n"
                + "                notify_down \"/tmp/side/note.sh down " + vs + i + "\"\n"
                + "                TCP_CHECK {\n"
                + "                        connect_timeout 1\n" + extra
                + "                }\n"
                + "        }\n";
    }

    static String vs(String name, String address, String extra, String rs3) {
        return "virtual_server " + address + " 80 {\n"
                + "        delay_loop 2\n        lb_algo rr\n        lb_kind NAT\n        protocol TCP\n" + extra
                + "        quorum_up \"/tmp/side/note.sh quorum_up " + name + "\"\n"
                + "        quorum_down \"/tmp/side/note.sh quorum_down " + name + "\"\n"
                + rs(name, 2, "") + rs(name, 3, rs3) + "}\n";
    }

    static final String CONFIG = "global_defs {\n  router_id LVS_1\n  script_user root\n}\n"
            + vs("A", "203.0.113.10", "        quorum 2\n        omega\n", "                        alpha\n")
            + vs("B", "203.0.113.20", "        ha_suspend\n", "");

    static String script(String jar, String launcher) {
        return LvsVsKeepalivedVmIT.PROLOGUE + LvsVsKeepalivedVmIT.config(CONFIG) + """
                printf '#!/bin/sh\\necho "$*" >> /tmp/side/notes\\n' > $W/note.sh; chmod 755 $W/note.sh
                dests() { norm | grep -c " -> ${1:-}"; }
                has() { norm | grep -q "^TCP $1:80 -> 198.51.100.$2:80 "; }
                notes() { sleep 1; echo "--- notes"; LC_ALL=C sort $W/notes; : > $W/notes; }
                phase() {
                  local name=$1; shift
                  : > $W/notes
                  "$@" > $W/$name.log 2>&1 &
                  local P=$!
                  waitfor '[ "$(dests 198.51.100.3)" -eq 2 ] && [ "$(dests)" -eq 4 ]' 240
                  echo "=== $name start"; settle | tee $W/$name.start; notes
                  kill $(cat $W/l3.pid)
                  waitfor '! has 203.0.113.10 3' 120; settle > /dev/null; sleep 6
                  echo "=== $name rs3 down, B suspended"; settle; notes
                  ip addr add 203.0.113.20/32 dev lo
                  waitfor '! has 203.0.113.20 3' 120
                  echo "=== $name B activated"; settle; notes
                  listen 3 80
                  waitfor '[ "$(norm)" = "$(cat $W/$name.start)" ]' 120
                  echo "=== $name rs3 up"; settle; notes
                  ip addr del 203.0.113.20/32 dev lo
                  waitfor '[ "$(grep -c "Suspending healthchecker" $W/$name.log)" -eq 2 ]' 60
                  kill $(cat $W/l2.pid)
                  waitfor '! has 203.0.113.10 2' 120; settle > /dev/null; sleep 6
                  echo "=== $name B suspended, rs2 down"; settle; notes
                  kill -TERM $P; timeout 60 tail --pid=$P -f /dev/null; wait $P; echo "=== $name stopped rc=$?"; norm
                  notes; ipvsadm -C; listen 2 80
                  echo "=== $name log"; cat $W/$name.log
                }
                """ + LvsVsKeepalivedVmIT.daemons(jar, launcher);
    }

    static final List<String> STEPS = List.of("start", "rs3 down, B suspended", "B activated", "rs3 up",
            "B suspended, rs2 down");

    /** The checker lines of {@link LvsVsKeepalivedVmIT}, plus ha_suspend's. */
    static final Pattern LINE = Pattern.compile(".*?: ((TCP connection to|TCP_CHECK on service|Gained quorum"
            + "|Lost quorum|Starting with quorum|Adding alive|Removing alive|Adding service|Removing service"
            + "|Enabling service|Disabling service|Shutting down|Activating healthchecker|Deactivating healthchecker"
            + "|Suspending healthchecker|Netlink reflector reports|Error exec-ing).*)");

    static List<String> lines(String log) {
        return log.lines().map(LINE::matcher).filter(Matcher::matches).map(m -> m.group(1)).sorted().toList();
    }

    @Test
    void sameScriptsAndTablesAsKeepalived() throws Exception {
        String jar = Path.of(System.getProperty("keepalived4j.jar", "target/keepalived.jar")).toAbsolutePath().toString();
        String launcher = Path.of(System.getProperty("keepalived4j.basedir", ".")).toAbsolutePath()
                .resolve("packaging/keepalived").toString();
        IpvsVm.Result r = IpvsVm.run(script(jar, launcher), Duration.ofSeconds(1200));
        String out = r.stdout();
        System.out.printf("LvsNotifyVsKeepalivedVmIT: exit %d, boot %d ms, whole run %d ms%n", r.exitCode(),
                r.bootMillis(), r.totalMillis());
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(out.contains("=== end"), r::describe);
        assertFalse(out.contains("TIMEOUT:") || out.contains("UNSETTLED"), r::describe);
        for (String step : STEPS) {
            String theirs = LvsVsKeepalivedVmIT.section(out, "keepalived " + step);
            assertTrue(theirs.contains("--- notes"), r::describe);
            assertEquals(theirs, LvsVsKeepalivedVmIT.section(out, "ours " + step),
                    () -> "table and scripts after '" + step + "'\n" + r.describe());
        }
        String suspended = LvsVsKeepalivedVmIT.section(out, "keepalived rs3 down, B suspended");
        assertTrue(suspended.contains("TCP 203.0.113.20:80 -> 198.51.100.3:80 Masq 1")
                && suspended.contains("down A3\nquorum_down A\n"), "keepalived itself: B suspended\n" + suspended);
        String stopped = LvsVsKeepalivedVmIT.section(out, "keepalived stopped");
        assertEquals(stopped, LvsVsKeepalivedVmIT.section(out, "ours stopped"), r::describe);
        assertTrue(stopped.contains("down A3\nquorum_down A\n"), "omega: scripts at shutdown\n" + stopped);
        assertTrue(out.contains("=== keepalived stopped rc=0") && out.contains("=== ours stopped rc=0"), r::describe);
        List<String> theirs = lines(LvsVsKeepalivedVmIT.section(out, "keepalived log"));
        assertTrue(theirs.contains("Deactivating healthchecker for service [198.51.100.2]:tcp:80 for VS"
                + " [203.0.113.20]:tcp:80"), r::describe);
        assertEquals(String.join("\n", theirs), String.join("\n", lines(LvsVsKeepalivedVmIT.section(out, "ours log"))),
                () -> "the checker log lines\n" + r.describe());
    }
}
