package org.keepalived4j.net.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.keepalived4j.net.Errno;

/**
 * On a kernel without IPVS that cannot load modules (this build machine), opening fails with
 * exactly keepalived's line and nothing else. Elsewhere it is skipped (LinuxIpvsVmIT covers a
 * kernel with IPVS); it never changes the kernel's IPVS table.
 */
class LinuxIpvsHostTest {
    @Test
    void withoutIpvsOpenFailsWithKeepalivedsMessage() {
        boolean noIpvs = !Files.exists(Path.of("/proc/net/ip_vs")) && !Files.exists(Path.of("/proc/modules"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!noIpvs || !root) {
            System.err.println("SKIPPED LinuxIpvsHostTest: needs root on a kernel without IPVS and without modules");
        }
        assumeTrue(noIpvs && root);
        IpvsException e = assertThrows(IpvsException.class, LinuxIpvs::open);
        assertEquals("IPVS: Can't initialize ipvs: Protocol not available", e.getMessage());
        assertTrue(e.isInit());
        assertEquals(Errno.ENOPROTOOPT, e.errno());
        assertEquals(IpvsException.class, e.getClass());
        // a second attempt behaves the same (no socket left half-open in between)
        assertEquals(e.getMessage(), assertThrows(IpvsException.class, LinuxIpvs::open).getMessage());
    }
}
