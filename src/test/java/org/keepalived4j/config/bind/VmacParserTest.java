package org.keepalived4j.config.bind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.model.VmacConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;

/** use_vmac / vmac_xmit_base as keepalived 2.2.7 reads them (the -t messages are in diagnostics/vmac_*). */
class VmacParserTest {
    @TempDir
    Path dir;

    private ConfigLoader.Result load(String body) {
        return ConfigFixture.load(dir, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" + body
                + " virtual_ipaddress {\n  198.51.100.10\n }\n}\n");
    }

    private Optional<VmacConfig> vmac(String body) {
        VrrpInstanceConfig i = load(body).config().vrrpInstances().get(0);
        return i.vmac();
    }

    @Test
    void plainUseVmacTakesKeepalivedsDefaults() {
        VmacConfig v = vmac(" use_vmac\n").orElseThrow();
        assertEquals(Optional.empty(), v.ifname());
        assertEquals(Optional.empty(), v.mac());
        assertFalse(v.xmitBase());
        assertArrayEquals(new byte[] {0, 0, 0x5e, 0, 1, 51}, v.macFor(51, false));
        assertArrayEquals(new byte[] {0, 0, 0x5e, 0, 2, 51}, v.macFor(51, true));
        assertTrue(ConfigFixture.output(load(" use_vmac\n")).isEmpty());
        assertTrue(load(" use_vmac\n").config().unmodelled().isEmpty(), "use_vmac is modelled now");
    }

    @Test
    void nameMacAndXmitBase() {
        VmacConfig v = vmac(" use_vmac vip51 02:11:22:33:44:55\n vmac_xmit_base\n").orElseThrow();
        assertEquals(Optional.of("vip51"), v.ifname());
        assertEquals(Optional.of("02:11:22:33:44:55"), v.mac());
        assertTrue(v.xmitBase());
        // either order, the MAC recognised by its ':'
        assertEquals(Optional.of("vip51"), vmac(" use_vmac 02:11:22:33:44:55 vip51\n").orElseThrow().ifname());
    }

    @Test
    void fiveOctetsTakeTheVridAsTheSixth() {
        assertEquals(Optional.of("02:11:22:33:44:33"), vmac(" use_vmac 02:11:22:33:44\n").orElseThrow().mac());
        assertEquals(Optional.of("02:11:22:33:44:33"), vmac(" use_vmac 02:11:22:33:44:\n").orElseThrow().mac());
    }

    @Test
    void keepalivedsOctetLoop() {
        int[] mac = new int[6];
        boolean[] vrid = new boolean[1];
        assertTrue(VmacParser.parseMac("2:b:c:d:e:f", mac, vrid));
        assertArrayEquals(new int[] {2, 0xb, 0xc, 0xd, 0xe, 0xf}, mac);
        assertFalse(vrid[0]);
        assertFalse(VmacParser.parseMac("02:11:22", mac, vrid), "too few octets");
        assertFalse(VmacParser.parseMac("02:123:22:33:44:55", mac, vrid), "three digits");
        assertFalse(VmacParser.parseMac("02::22:33:44:55", mac, vrid), "empty octet");
        assertFalse(VmacParser.parseMac(":02:11:22:33:44", mac, vrid));
    }

    @Test
    void devNameValidIsTheKernels() {
        assertTrue(VmacParser.devNameValid("vrrp.51"));
        assertTrue(VmacParser.devNameValid("abcdefghijklmno"));   // 15 characters
        assertFalse(VmacParser.devNameValid("abcdefghijklmnop"));
        assertFalse(VmacParser.devNameValid(".."));
        assertFalse(VmacParser.devNameValid("a/b"));
        assertFalse(VmacParser.devNameValid(""));
    }

    @Test
    void xmitBaseAloneIsDroppedWithKeepalivedsMessage() {
        ConfigLoader.Result r = load(" vmac_xmit_base\n");
        assertEquals(Optional.empty(), r.config().vrrpInstances().get(0).vmac());
        assertEquals(List.of("(VI_1) vmac_xmit_base is only valid with a vmac"), ConfigFixture.output(r));
    }

    @Test
    void unicastForcesXmitBase() {
        ConfigLoader.Result r = load(" use_vmac\n unicast_src_ip 198.51.100.1\n unicast_peer {\n  198.51.100.2\n }\n");
        assertTrue(r.config().vrrpInstances().get(0).vmac().orElseThrow().xmitBase());
    }

    @Test
    void strictModeClearsTheMacAndXmitBase() {
        VmacConfig v = vmac(" strict_mode\n use_vmac 02:11:22:33:44:55\n vmac_xmit_base\n").orElseThrow();
        assertEquals(Optional.empty(), v.mac());
        assertFalse(v.xmitBase());
    }

    @Test
    void aNameUsedByAnEarlierInstanceIsRefused() {
        ConfigLoader.Result r = ConfigFixture.load(dir, "vrrp_instance A {\n interface eth0\n virtual_router_id 1\n"
                + " use_vmac v1\n virtual_ipaddress {\n  198.51.100.10\n }\n}\n"
                + "vrrp_instance B {\n interface eth0\n virtual_router_id 2\n"
                + " use_vmac v1\n virtual_ipaddress {\n  198.51.100.11\n }\n}\n");
        assertEquals(Optional.of("v1"), r.config().vrrpInstances().get(0).vmac().orElseThrow().ifname());
        assertEquals(Optional.empty(), r.config().vrrpInstances().get(1).vmac().orElseThrow().ifname());
        assertEquals(List.of("(keepalived.conf: Line 12) (B) VRRP instance A is already using v1 - ignoring name"),
                ConfigFixture.output(r));
    }
}
