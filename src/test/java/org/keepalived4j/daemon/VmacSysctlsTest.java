package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.net.Sysctl;
import org.keepalived4j.vrrp.port.LogPort;

/** keepalived 2.2.7's VMAC sysctl rules (vrrp_if_config.c) against a fake /proc/sys tree. */
class VmacSysctlsTest {
    @TempDir
    Path root;
    final List<String> logged = new ArrayList<>();
    VmacSysctls s;

    final LogPort log = new LogPort() {
        @Override
        public void info(String line) {
            logged.add(line);
        }

        @Override
        public void detail(String line) {
            logged.add(line);
        }
    };

    void put(String ifname, String param, int v) throws IOException {
        Path p = root.resolve("net/ipv4/conf").resolve(ifname).resolve(param);
        Files.createDirectories(p.getParent());
        Files.writeString(p, v + "\n");
    }

    int get(String ifname, String param) throws IOException {
        return Integer.parseInt(Files.readString(root.resolve("net/ipv4/conf").resolve(ifname).resolve(param)).strip());
    }

    @BeforeEach
    void tree() throws IOException {
        for (String i : List.of("all", "default", "lo", "eth0", "eth1", "vrrp.51", "vrrp.52")) {
            for (String p : List.of("rp_filter", "arp_ignore", "arp_filter", "accept_local", "promote_secondaries")) {
                put(i, p, 0);
            }
        }
        s = new VmacSysctls(new Sysctl(root), log);
    }

    @Test
    void vmacAndBaseGetKeepalivedsValuesAndTheBaseIsRestoredWithItsLastVmac() throws IOException {
        s.configure("vrrp.51", "eth0");
        assertEquals(1, get("vrrp.51", "arp_ignore"));
        assertEquals(1, get("vrrp.51", "accept_local"));
        assertEquals(0, get("vrrp.51", "rp_filter"));
        assertEquals(1, get("vrrp.51", "promote_secondaries"));
        assertEquals(1, get("eth0", "arp_ignore"));
        assertEquals(1, get("eth0", "arp_filter"));
        s.configure("vrrp.52", "eth0");
        s.release("eth0");
        assertEquals(1, get("eth0", "arp_ignore"), "still one VMAC on eth0");
        s.release("eth0");
        assertEquals(0, get("eth0", "arp_ignore"));
        assertEquals(0, get("eth0", "arp_filter"));
        assertEquals(List.of(), logged, "all.rp_filter 0: nothing to say");
    }

    @Test
    void aBaseAlreadyAtOneIsLeftAlone() throws IOException {
        put("eth0", "arp_ignore", 1);
        put("eth0", "arp_filter", 1);
        s.configure("vrrp.51", "eth0");
        put("eth0", "arp_ignore", 2);   // changed by someone else meanwhile
        s.release("eth0");
        assertEquals(2, get("eth0", "arp_ignore"), "we changed nothing, we restore nothing");
    }

    @Test
    void rpFilterIsMovedOffAllAndBackAtExit() throws IOException {
        put("all", "rp_filter", 2);
        put("default", "rp_filter", 1);
        put("eth1", "rp_filter", 2);
        s.configure("vrrp.51", "eth0");
        assertEquals(0, get("all", "rp_filter"));
        assertEquals(2, get("default", "rp_filter"));
        assertEquals(2, get("eth0", "rp_filter"), "eth0 keeps its effective value");
        assertEquals(2, get("lo", "rp_filter"));
        assertEquals(0, get("vrrp.51", "rp_filter"));
        assertEquals(List.of("NOTICE: setting sysctl net.ipv4.conf.default.rp_filter from 1 to 2",
                "NOTICE: setting sysctl net.ipv4.conf.all.rp_filter from 2 to 0"), logged);
        s.configure("vrrp.52", "eth1");
        assertEquals(2, logged.size(), "done once");
        put("lo", "rp_filter", 1);   // an operator's change is kept
        s.restoreRpFilter();
        assertEquals(2, get("all", "rp_filter"));
        assertEquals(1, get("default", "rp_filter"));
        assertEquals(0, get("eth0", "rp_filter"));
        assertEquals(1, get("lo", "rp_filter"));
        assertEquals(2, get("eth1", "rp_filter"));
        assertTrue(logged.containsAll(List.of("NOTICE: resetting sysctl net.ipv4.conf.all.rp_filter to 2",
                "NOTICE: resetting sysctl net.ipv4.conf.default.rp_filter to 1")), logged.toString());
    }

    @Test
    void anUnwritableVmacIsReported() throws IOException {
        s.configure("vrrp.99", "eth0");
        assertEquals(List.of("Unable to set parameters for vrrp.99"), logged);
        assertEquals(0, get("eth0", "arp_ignore"), "base untouched when the VMAC could not be set");
    }
}
