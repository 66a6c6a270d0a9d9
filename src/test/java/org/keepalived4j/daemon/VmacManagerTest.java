package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.net.InterfaceInfo;
import org.keepalived4j.testutil.ConfigFixture;

/** The pure parts of VmacManager: keepalived's names, link-local choice and log lines. */
class VmacManagerTest {
    @TempDir
    Path dir;

    @Test
    void namesAsCreateVmacNameGivesThem() {
        assertEquals("vrrp.51", VmacManager.defaultName("vrrp", 51, false, Set.of()));
        assertEquals("vrrp1.51", VmacManager.defaultName("vrrp", 51, false, Set.of("vrrp.51")));
        assertEquals("vrrp2.51", VmacManager.defaultName("vrrp", 51, false, Set.of("vrrp.51", "vrrp1.51")));
        assertEquals("vrrp.61", VmacManager.defaultName("vrrp", 61, true, Set.of()));
        assertEquals("vrrp6.61", VmacManager.defaultName("vrrp", 61, true, Set.of("vrrp.61")));
        assertEquals("vrrp1.61", VmacManager.defaultName("vrrp", 61, true, Set.of("vrrp.61", "vrrp6.61")));
        assertEquals("vrrp7.61", VmacManager.defaultName("vrrp", 61, true,
                Set.of("vrrp.61", "vrrp6.61", "vrrp1.61", "vrrp2.61", "vrrp3.61", "vrrp4.61", "vrrp5.61")));
        assertEquals("abcdefghijk.255", VmacManager.defaultName("abcdefghijklmnop", 255, false, Set.of()),
                "the prefix is cut to fit 15 characters");
    }

    @Test
    void logLinesAreKeepaliveds() {
        assertEquals("(VI_1): Success creating VMAC interface vrrp.51", VmacManager.successCreating("VI_1", "vrrp.51", false));
        assertEquals("(VI_1): Success updating VMAC interface vrrp.51", VmacManager.successCreating("VI_1", "vrrp.51", true));
        assertEquals("(VI_1) Success removing VMAC interface vrrp.51", VmacManager.successRemoving("VI_1", "vrrp.51"));
    }

    private VrrpInstanceConfig instance(String extra) {
        return ConfigFixture.load(dir, "vrrp_instance VI_6 {\n interface eth0\n virtual_router_id 61\n use_vmac\n"
                + extra + " virtual_ipaddress {\n  fe80::61/64\n }\n}\n").config().vrrpInstances().get(0);
    }

    @Test
    void linkLocalIsTheSourceElseTheBasesElseEui64() throws Exception {
        byte[] mac = {0x46, (byte) 0xc1, (byte) 0x98, 0x02, (byte) 0xac, 0x57};
        InterfaceInfo noLl = new InterfaceInfo("eth0", 2, mac, Optional.empty(), Optional.empty(), true, false);
        assertEquals(InetAddress.getByName("fe80::44c1:98ff:fe02:ac57"),
                VmacManager.linkLocal(instance(""), noLl).orElseThrow());
        InterfaceInfo withLl = new InterfaceInfo("eth0", 2, mac, Optional.empty(),
                Optional.of((java.net.Inet6Address) InetAddress.getByName("fe80::1")), true, false);
        assertEquals(InetAddress.getByName("fe80::1"), VmacManager.linkLocal(instance(""), withLl).orElseThrow());
        assertEquals(InetAddress.getByName("fe80::99"),
                VmacManager.linkLocal(instance(" mcast_src_ip fe80::99\n"), withLl).orElseThrow());
    }

    @Test
    void theMissingNftablesRulesAreAnnounced() {
        assertEquals(java.util.List.of("WARNING - (VI_6) use_vmac: the nftables rules keepalived adds to stop IGMP/MLD"
                + " reports leaving the VMAC interface are NOT IMPLEMENTED in this build"),
                Daemon.unimplementedWarnings(ConfigFixture.load(dir, "vrrp_instance VI_6 {\n interface eth0\n"
                        + " virtual_router_id 61\n use_vmac\n virtual_ipaddress {\n  198.51.100.10\n }\n}\n").config()));
    }
}
