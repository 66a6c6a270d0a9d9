package org.keepalived4j.config.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.NfTablesSettings;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;

/**
 * Strict mode and accept mode as keepalived 2.2.7's vrrp_complete_instance() completes them; the
 * messages themselves are pinned against keepalived's recorded output by DiagnosticsGoldenTest
 * (diagnostics/strict_*.conf, nftables_*.conf).
 */
class StrictModeConfigTest {
    @TempDir
    Path dir;

    private ConfigLoader.Result load(String text) {
        return ConfigFixture.load(dir, text);
    }

    private VrrpInstanceConfig instance(String global, String body) {
        KeepalivedConfig c = load("global_defs {\n" + global + "}\nvrrp_instance VI_1 {\n interface eth0\n"
                + " virtual_router_id 51\n" + body + " virtual_ipaddress {\n  198.51.100.10/24\n }\n}\n").config();
        List<VrrpInstanceConfig> l = c.vrrpInstances();
        assertEquals(1, l.size());
        return l.get(0);
    }

    @Test
    void strictNonOwnerDefaultsToNoAcceptAndOwnerToAccept() {
        assertFalse(instance(" vrrp_strict\n", " priority 100\n").accept());
        assertTrue(instance(" vrrp_strict\n", " priority 255\n").accept());
        assertTrue(instance("", " priority 100\n").accept(), "accept is the default outside strict mode");
        assertFalse(instance("", " no_accept\n").accept());
        assertTrue(instance("", " strict_mode\n priority 255\n").accept());
        assertFalse(instance("", " strict_mode on\n").accept(), "strict_mode per instance");
        assertTrue(instance(" vrrp_strict\n", " strict_mode off\n").accept(), "strict_mode off overrides vrrp_strict");
    }

    @Test
    void acceptWithVersion3StaysInStrictModeButNotWithVersion2() {
        assertTrue(instance(" vrrp_strict\n", " version 3\n accept\n").accept());
        ConfigLoader.Result r = load("global_defs {\n vrrp_strict\n}\nvrrp_instance VI_1 {\n interface eth0\n"
                + " virtual_router_id 51\n accept\n virtual_ipaddress {\n  198.51.100.10/24\n }\n}\n");
        assertFalse(r.config().vrrpInstances().get(0).accept());
        assertEquals(List.of("(VI_1) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting"),
                ConfigFixture.output(r));
    }

    @Test
    void strictForcesLowerPriorityGarpsOffEvenWhenOnlyTheGlobalsSetThem() {
        VrrpInstanceConfig i = instance(" vrrp_strict\n vrrp_garp_lower_prio_repeat 3\n vrrp_garp_lower_prio_delay 2\n", "");
        assertEquals(0, i.garp().lowerPrioRepeat());
        assertEquals(0, i.garp().lowerPrioDelayMicros());
        assertTrue(i.lowerPrioNoAdvert());
        assertFalse(i.higherPrioSendAdvert());
        VrrpInstanceConfig plain = instance(" vrrp_garp_lower_prio_repeat 3\n", "");
        assertEquals(3, plain.garp().lowerPrioRepeat());
    }

    @Test
    void strictUnicastRunsAsInKeepalived227() {
        ConfigLoader.Result r = load("global_defs {\n vrrp_strict\n}\nvrrp_instance VI_1 {\n interface eth0\n"
                + " virtual_router_id 51\n unicast_src_ip 198.51.100.1\n unicast_peer {\n  198.51.100.2\n }\n"
                + " virtual_ipaddress {\n  198.51.100.10/24\n }\n}\n");
        assertEquals(List.of(), ConfigFixture.output(r));
        assertTrue(r.config().vrrpInstances().get(0).isUnicast());
        assertEquals(0, r.configTestExitCode());
    }

    @Test
    void downTimerAdvertsIsResetInStrictModeAndAnnouncedOtherwise() {
        ConfigLoader.Result r = load("vrrp_instance VI_1 {\n strict_mode\n interface eth0\n virtual_router_id 51\n"
                + " down_timer_adverts 5\n virtual_ipaddress {\n  198.51.100.10/24\n }\n}\n");
        assertEquals(List.of("(VI_1) down_timer_adverts is incompatible with strict mode - resetting"),
                ConfigFixture.output(r));
        assertTrue(r.config().unmodelled().isEmpty());
        ConfigLoader.Result plain = load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
                + " down_timer_adverts 5\n virtual_ipaddress {\n  198.51.100.10/24\n }\n}\n");
        assertEquals(1, plain.config().unmodelled().size());
        assertEquals("vrrp_instance VI_1 > down_timer_adverts", plain.config().unmodelled().get(0).path());
    }

    @Test
    void nftablesSettings() {
        assertEquals(NfTablesSettings.NONE, load("global_defs {\n}\n").config().global().nftables());
        NfTablesSettings s = load("global_defs {\n nftables ka_test\n nftables_priority -5\n nftables_counters\n"
                + " nftables_ifindex\n}\n").config().global().nftables();
        assertEquals(new NfTablesSettings(Optional.of("ka_test"), -5, true, true), s);
        assertEquals(Optional.of("keepalived"), load("global_defs {\n nftables\n}\n").config().global().nftables().table());
        assertEquals(Optional.of("keepalived"), load("global_defs {\n vrrp_iptables\n}\n").config().global().nftables()
                .table());
    }
}
