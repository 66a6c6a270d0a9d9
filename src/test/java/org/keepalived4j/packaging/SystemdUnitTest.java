package org.keepalived4j.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd/keepalived.service: the lines keepalived's semantics need, and systemd-analyze verify. */
class SystemdUnitTest {
    private static final Path UNIT = Run.basedir().resolve("systemd/keepalived.service");

    /**
     * Lines of systemd-analyze's output about our unit that are accepted: systemd versions newer
     * than Debian 12's may call KillMode=process unsafe; it is upstream keepalived's choice (scripts
     * outlive a stop). Anything else about the unit fails the test.
     */
    private static final List<Pattern> ACCEPTED = List.of(
            Pattern.compile("KillMode=process.*(unsafe|deprecated)", Pattern.CASE_INSENSITIVE));

    private static List<String> unitLines() throws IOException {
        return Files.readAllLines(UNIT).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void keepsKeepalivedsServiceSemantics() throws IOException {
        List<String> lines = unitLines();
        for (String required : List.of("[Unit]", "[Service]", "[Install]",
                "After=network-online.target syslog.target", "Wants=network-online.target",
                "Type=notify", "NotifyAccess=main", "PIDFile=/run/keepalived.pid", "KillMode=process",
                "EnvironmentFile=-/etc/default/keepalived",
                "ExecStart=/usr/sbin/keepalived --dont-fork $DAEMON_ARGS",
                "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "RestartSec=1s",
                "PrivateTmp=no", "ProtectKernelTunables=no", "NoNewPrivileges=no",
                "ProtectHome=read-only", "ProtectSystem=full",
                "WantedBy=multi-user.target")) {
            assertTrue(lines.contains(required), "missing line: " + required);
        }
    }

    @Test
    void hardeningKeepsRawSocketsNetlinkAndTheJit() throws IOException {
        List<String> lines = unitLines();
        String caps = value(lines, "CapabilityBoundingSet=");
        for (String cap : List.of("CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_NET_BIND_SERVICE", "CAP_SYS_NICE", "CAP_KILL",
                "CAP_SETUID", "CAP_SETGID", "CAP_DAC_OVERRIDE")) {
            assertTrue(List.of(caps.split("\\s+")).contains(cap), "CapabilityBoundingSet lacks " + cap);
        }
        String families = value(lines, "RestrictAddressFamilies=");
        for (String af : List.of("AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET", "AF_UNIX")) {
            assertTrue(List.of(families.split("\\s+")).contains(af), "RestrictAddressFamilies lacks " + af);
        }
        assertFalse(lines.contains("MemoryDenyWriteExecute=yes"), "the JVM's JIT needs W+X memory");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("PrivateNetwork=yes")), "VRRP runs on the host network");
    }

    @Test
    void systemdAnalyzeVerifyFindsNothing(@TempDir Path dir) throws IOException {
        if (!Run.onPath("systemd-analyze")) {
            System.err.println("*** SKIPPED SystemdUnitTest.systemdAnalyzeVerifyFindsNothing: no systemd-analyze on PATH");
        }
        assumeTrue(Run.onPath("systemd-analyze"), "systemd-analyze is not installed");
        // verify fails when ExecStart/ExecReload binaries do not exist, and /usr/sbin/keepalived only
        // exists once a keepalived is installed. So a copy of the unit is verified whose two command
        // paths point to executables in the temp dir; every other line is verified as shipped.
        Path fakeKeepalived = executable(dir.resolve("keepalived"));
        Path fakeKill = executable(dir.resolve("kill"));
        String unit = Files.readString(UNIT)
                .replace("ExecStart=/usr/sbin/keepalived ", "ExecStart=" + fakeKeepalived + " ")
                .replace("ExecReload=/bin/kill ", "ExecReload=" + fakeKill + " ");
        assertTrue(unit.contains("ExecStart=" + fakeKeepalived) && unit.contains("ExecReload=" + fakeKill), unit);
        Path copy = dir.resolve("keepalived.service");
        Files.writeString(copy, unit);

        Run r = Run.of(List.of("systemd-analyze", "verify", copy.toString()), Map.of("SYSTEMD_LOG_COLOR", "0"),
                Duration.ofSeconds(60));
        List<String> aboutUs = (r.out() + r.err()).lines()
                .filter(l -> l.contains(copy.toString()) || l.contains("keepalived.service"))
                .filter(l -> ACCEPTED.stream().noneMatch(p -> p.matcher(l).find()))
                .toList();
        assertEquals(List.of(), aboutUs, "systemd-analyze verify:\n" + r);
        assertEquals(0, r.status(), "systemd-analyze verify:\n" + r);
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " line"));
    }

    private static Path executable(Path p) throws IOException {
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
