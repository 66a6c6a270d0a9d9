package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.packet.DropReason;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.FakeRoutePort;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.port.VipPort;

/**
 * keepalived 2.2.7's vrrp_state_backup(): with skip_check_adv_addr a BACKUP compares the address
 * list only of adverts from a source other than the master it follows; without it, or from a
 * new source, a differing list drops the advert.
 */
class SkipCheckAdvAddrTest {
    static final long S = 1_000_000;
    @TempDir
    Path dir;

    private InstanceRuntime backup(String extra) throws Exception {
        VrrpInstanceConfig cfg = ConfigFixture.load(dir, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
                + " priority 100\n advert_int 1\n" + extra + " virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n")
                .config().vrrpInstances().get(0);
        LogPort log = new LogPort() {
            public void info(String line) {
            }

            public void detail(String line) {
            }
        };
        VipPort vips = new VipPort() {
            public void add(String ifname, org.keepalived4j.config.model.VipAddress v) {
            }

            public void remove(String ifname, org.keepalived4j.config.model.VipAddress v) {
            }
        };
        InstanceRuntime rt = new InstanceRuntime(cfg, "eth0", InetAddress.getByName("198.51.100.11"),
                InetAddress.getByName("224.0.0.18"), new Ports((i, s, d, m, t) -> { }, vips, (i, a) -> { }, log,
                (n, f, t, p) -> { }, new FakeRoutePort()));
        rt.start(0, false);
        assertEquals(VrrpState.BACKUP, rt.state());
        return rt;
    }

    private static ReceivedAdvert advert(String from, String... vips) throws Exception {
        List<InetAddress> a = new java.util.ArrayList<>();
        for (String v : vips) {
            a.add(InetAddress.getByName(v));
        }
        InetAddress src = InetAddress.getByName(from);
        InetAddress group = InetAddress.getByName("224.0.0.18");
        return new ReceivedAdvert("eth0", src, group, 255,
                VrrpCodec.encode(new VrrpPacket(2, 51, 200, 0, 1, a, new byte[8]), src, group, false));
    }

    @Test
    void theFollowedMasterMayAdvertiseAnotherListWithSkipCheckAdvAddr() throws Exception {
        InstanceRuntime rt = backup(" skip_check_adv_addr\n");
        rt.receive(S, advert("198.51.100.12", "198.51.100.100"));
        rt.receive(2 * S, advert("198.51.100.12", "198.51.100.101"));
        assertEquals(0, rt.stats().drops(DropReason.ADDRESS_COUNT), "same master: not compared");
        rt.receive(3 * S, advert("198.51.100.13", "198.51.100.101"));
        assertEquals(1, rt.stats().drops(DropReason.ADDRESS_COUNT), "another source: compared and dropped");
    }

    @Test
    void withoutItEveryDifferingListIsDropped() throws Exception {
        InstanceRuntime rt = backup("");
        rt.receive(S, advert("198.51.100.12", "198.51.100.100"));
        rt.receive(2 * S, advert("198.51.100.12", "198.51.100.101"));
        assertEquals(1, rt.stats().drops(DropReason.ADDRESS_COUNT));
        assertEquals(2, rt.stats().advertsReceived(), "both counted as received (2.2.7 counts before the lookup)");
    }
}
