package org.keepalived4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IPVS VM harness works: a guest boots Debian 12's kernel, ipvsadm programs its IPVS, the
 * host's JDK and this build run in it, and the exit status and both output streams come back.
 * Prints boot and run times (TCG emulation: a boot is ~5-10 s here). Addresses: 203.0.113.0/24 and
 * 198.51.100.0/24 only, inside a guest that has no network device.
 */
class IpvsVmIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(150);
    private static long classStart;

    @BeforeAll
    static void vm() {
        classStart = System.nanoTime();
        IpvsVm.assumeAvailable();
    }

    @AfterAll
    static void total() {
        System.out.printf("IpvsVmIT: %d ms in all%n", (System.nanoTime() - classStart) / 1_000_000);
    }

    private static IpvsVm.Result run(String what, String script) throws Exception {
        IpvsVm.Result r = IpvsVm.run(script, TIMEOUT);
        System.out.printf("IpvsVmIT %s: exit %d, boot %d ms, whole run %d ms%n", what, r.exitCode(), r.bootMillis(),
                r.totalMillis());
        return r;
    }

    @Test
    void ipvsadmProgramsTheGuestKernelsIpvs() throws Exception {
        IpvsVm.Result r = run("ipvsadm", """
                set -e
                modprobe ip_vs
                ipvsadm -A -t 203.0.113.10:80 -s rr
                ipvsadm -a -t 203.0.113.10:80 -r 198.51.100.2:80 -m
                echo '--- ipvsadm -Ln'
                ipvsadm -Ln
                echo "--- kernel $(uname -r)"
                echo "--- links $(ip -o link show | cut -d: -f2 | tr -d ' ' | tr '\\n' ' ')"
                """);
        assertEquals(0, r.exitCode(), r::describe);
        List<String> lines = r.stdout().lines().map(String::strip).toList();
        int at = lines.indexOf("--- ipvsadm -Ln");
        assertTrue(at >= 0, r::describe);
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)", lines.get(at + 1), r::describe);
        assertEquals("TCP  203.0.113.10:80 rr", lines.get(at + 4), r::describe);
        assertTrue(lines.get(at + 5).matches("-> 198\\.51\\.100\\.2:80 +Masq +1 +0 +0"), r::describe);
        String kernel = value(lines, "--- kernel ");
        System.out.println("IpvsVmIT: guest kernel " + kernel + ", host kernel " + System.getProperty("os.version"));
        assertNotEquals(System.getProperty("os.version"), kernel, "the guest runs its own kernel");
        assertEquals("lo", value(lines, "--- links "), "the guest has no network device but its loopback");
    }

    @Test
    void theHostJdkAndThisBuildRunInTheGuestAndStatusAndStreamsComeBack() throws Exception {
        String jar = System.getProperty("keepalived4j.jar", "target/keepalived.jar");
        boolean haveJar = Files.isRegularFile(Path.of(jar));
        IpvsVm.Result r = run("java", "java -version\n"
                + (haveJar ? "java -jar '" + jar + "' -v\n" : "")
                + "echo to-stdout; echo to-stderr >&2\n"
                + "exit 7\n");
        assertEquals(7, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("openjdk version \"17"), r::describe);
        assertTrue(r.stdout().contains("to-stdout") && !r.stdout().contains("to-stderr"), r::describe);
        assertTrue(r.stderr().contains("to-stderr") && !r.stderr().contains("to-stdout"), r::describe);
        if (haveJar) {
            assertTrue(r.stderr().contains("keepalived4j"), r::describe);   // -v prints on stderr, as keepalived
        } else {
            System.err.println("IpvsVmIT: " + jar + " not built: java -jar in the guest not tried");
        }
    }

    private static String value(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .findFirst().orElse("(no line " + prefix + ")");
    }
}
