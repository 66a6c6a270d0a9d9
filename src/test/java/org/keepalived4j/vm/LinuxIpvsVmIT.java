package org.keepalived4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code net.ipvs.LinuxIpvs} against a kernel with IPVS: runs
 * {@code org.keepalived4j.net.ipvs.LinuxIpvsScenario} (test classes) with this JVM's JDK and
 * classpath in a throw-away {@link IpvsVm} guest. The scenario adds TCP 198.51.100.10:80 with
 * real servers 203.0.113.1 and .2 (NAT), dumps them, changes a weight, edits the service,
 * provokes keepalived's error lines (EEXIST, ENOENT, ESRCH), adds an IPv6 and a fwmark service,
 * deletes and flushes, checking every step through our dump and {@code ipvsadm -Ln}.
 */
class LinuxIpvsVmIT {
    @BeforeAll
    static void vm() {
        IpvsVm.assumeAvailable();
    }

    @Test
    void addDumpEditDeleteFlushOnARealIpvsKernel() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        IpvsVm.Result r = IpvsVm.run("exec '" + java + "' -cp '" + cp + "' org.keepalived4j.net.ipvs.LinuxIpvsScenario",
                Duration.ofSeconds(300));
        assertEquals(0, r.exitCode(), r.describe());
        List<String> out = r.stdout().lines().toList();
        assertEquals("LinuxIpvsScenario: OK", out.get(out.size() - 1), r.describe());
        for (String step : List.of(
                "ok  ipvsadm -Ln: TCP 198.51.100.10:80 wlc",
                "ok  ipvsadm -Ln: -> 203.0.113.2:80 Masq 2 0 0",
                "ok  ipvsadm -Ln: -> 203.0.113.1:80 Masq 5 0 0",
                "ok  ipvsadm -Ln: TCP 198.51.100.10:80 rr persistent 300",
                "ok  error line: IPVS cmd IP_VS_SO_SET_ADD(1154) error: Service already exists(17) (198.51.100.10:tcp:80)",
                "ok  error line: IPVS cmd IP_VS_SO_SET_DEL(1156) error: No such service(3) (198.51.100.11:tcp:80)",
                "ok  ipvsadm -Ln: FWM 7 lc persistent 60 mask 255.255.255.0",
                "ok  flush removes the rest")) {
            assertTrue(out.contains(step), "missing step '" + step + "' in\n" + r.describe());
        }
    }
}
