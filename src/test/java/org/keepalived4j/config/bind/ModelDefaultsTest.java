package org.keepalived4j.config.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.ForwardingMethod;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.model.VrrpState;
import org.keepalived4j.testutil.ConfigFixture;

/** keepalived's defaults (vrrp_complete_instance(), validate_check_config(), global_data.c) in the model. */
class ModelDefaultsTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String text) {
        ConfigLoader.Result r = ConfigFixture.load(dir, text);
        return r.config();
    }

    private VrrpInstanceConfig instance(String body) {
        List<VrrpInstanceConfig> l = load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" + body
                + " virtual_ipaddress {\n  198.51.100.10/24 dev eth1 label eth1:vip\n }\n}\n").vrrpInstances();
        assertEquals(1, l.size());
        return l.get(0);
    }

    @Test
    void instanceDefaults() {
        VrrpInstanceConfig i = instance("");
        assertEquals(VrrpState.BACKUP, i.initialState());
        assertEquals(100, i.priority());
        assertEquals(1_000_000, i.advertIntMicros());
        assertEquals(2, i.version());
        assertFalse(i.nopreempt());
        assertTrue(i.accept());
        assertEquals(5, i.garp().masterRepeat());
        assertEquals(5_000_000, i.garp().masterDelayMicros());
        assertEquals(255, i.unicastTtl());
        assertEquals("198.51.100.10/24 dev eth1 label eth1:vip", i.virtualIpAddresses().get(0).display());
    }

    @Test
    void stateMasterWithoutPriorityIsOwner() {
        VrrpInstanceConfig i = instance(" state MASTER\n");
        assertEquals(255, i.priority());
        assertEquals(VrrpState.MASTER, i.initialState());
    }

    @Test
    void priority255WithoutStateStartsMaster() {
        assertEquals(VrrpState.MASTER, instance(" priority 255\n").initialState());
    }

    @Test
    void passwordIsTruncatedToEightCharacters() {
        Authentication a = instance(" authentication {\n  auth_type PASS\n  auth_pass your_password\n }\n")
                .authentication().orElseThrow();
        assertEquals(Authentication.Type.PASS, a.type());
        assertEquals("your_pas", a.password());
    }

    @Test
    void v3IntervalInCentiseconds() {
        VrrpInstanceConfig i = instance(" version 3\n advert_int 0.05\n");
        assertEquals(3, i.version());
        assertEquals(50_000, i.advertIntMicros());
    }

    @Test
    void globalVersionAndGarpApply() {
        List<VrrpInstanceConfig> l = load("global_defs {\n vrrp_version 3\n vrrp_garp_master_repeat 2\n}\n"
                + "vrrp_instance A {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  198.51.100.10\n"
                + " }\n}\n").vrrpInstances();
        assertEquals(3, l.get(0).version());
        assertEquals(2, l.get(0).garp().masterRepeat());
    }

    @Test
    void seedVirtualServerIsCompletedAsKeepalivedDoes() {
        KeepalivedConfig c = ConfigLoader.load(new ConfigLoader.Options("seed/dovecot-master.conf",
                Path.of("src/test/resources").toAbsolutePath(), null, ConfigFixture.HOST)).config();
        VirtualServerConfig vs = c.virtualServers().get(0);
        assertEquals("[192.168.135.237]:tcp:22", vs.display());
        assertEquals("lblc", vs.scheduler());
        assertEquals(ForwardingMethod.DR, vs.method());
        assertEquals(6_000_000, vs.defaults().delayLoopMicros().getAsLong());
        RealServerConfig rs = vs.realServers().get(0);
        assertEquals(22, rs.port(), "DR real server port reset to the virtual server's");
        CheckerConfig.TcpCheck tcp = (CheckerConfig.TcpCheck) rs.checkers().get(0);
        assertEquals(143, tcp.common().connectPort().getAsInt());
        assertEquals(3_000_000, tcp.common().connectTimeoutMicros().getAsLong());
        VrrpInstanceConfig vi = c.vrrpInstances().get(0);
        assertEquals(102, vi.vrid());
        assertEquals(150, vi.priority());
        assertEquals("12345678", vi.authentication().orElseThrow().password());
    }

    @Test
    void unmodelledKeywordsAreListedNotDropped() {
        KeepalivedConfig c = load("global_defs {\n enable_dbus\n}\nvrrp_instance A {\n interface eth0\n"
                + " virtual_router_id 1\n use_ipvlan\n virtual_ipaddress {\n  198.51.100.10\n }\n}\n");
        List<String> paths = c.unmodelled().stream().map(u -> u.path()).toList();
        assertTrue(paths.contains("global_defs > enable_dbus"), paths.toString());
        assertTrue(paths.contains("vrrp_instance A > use_ipvlan"), paths.toString());
    }
}
