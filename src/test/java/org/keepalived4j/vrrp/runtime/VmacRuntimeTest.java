package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.Ports;

/** An instance on a VMAC: adverts on one interface, VIPs on another, FAULT when either link is down. */
class VmacRuntimeTest {
    @TempDir
    Path dir;
    final List<String> sent = new ArrayList<>();
    final List<String> vips = new ArrayList<>();
    final List<String> announced = new ArrayList<>();

    InstanceRuntime instance(String advertIf) throws Exception {
        VrrpInstanceConfig cfg = ConfigFixture.load(dir, "vrrp_instance VI_1 {\n state MASTER\n interface eth0\n"
                + " virtual_router_id 51\n priority 150\n use_vmac\n virtual_ipaddress {\n  198.51.100.100/24\n"
                + "  198.51.100.101/24 dev eth1\n }\n}\n").config().vrrpInstances().get(0);
        Ports ports = new Ports((ifname, src, dst, message, ttl) -> sent.add(ifname),
                new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                        vips.add("+" + v.address().getHostAddress() + " " + ifname);
                    }

                    public void remove(String ifname, VipAddress v) {
                        vips.add("-" + v.address().getHostAddress() + " " + ifname);
                    }
                },
                (ifname, a) -> announced.add(ifname + " " + a.getHostAddress()),
                new org.keepalived4j.vrrp.port.LogPort() {
                    public void info(String line) {
                    }

                    public void detail(String line) {
                    }
                }, (name, from, to, prio) -> { }, new org.keepalived4j.vrrp.port.FakeRoutePort());
        return new InstanceRuntime(cfg, advertIf, "vrrp.51", List.of("eth0", "vrrp.51"),
                InetAddress.getByName("198.51.100.11"), InetAddress.getByName("224.0.0.18"), ports);
    }

    @Test
    void vipsAndAnnouncementsOnTheVmacAdvertsWhereThePlacementSays() throws Exception {
        InstanceRuntime rt = instance("vrrp.51");
        rt.start(0, false);
        rt.tick(rt.nextDeadline());
        assertEquals(VrrpState.MASTER, rt.state());
        assertTrue(sent.stream().allMatch("vrrp.51"::equals), sent.toString());
        assertEquals(List.of("+198.51.100.100 vrrp.51", "+198.51.100.101 eth1"), vips, "a VIP's own dev wins");
        assertTrue(announced.contains("vrrp.51 198.51.100.100") && announced.contains("eth1 198.51.100.101"),
                announced.toString());

        sent.clear();
        InstanceRuntime xmitBase = instance("eth0");
        xmitBase.start(0, false);
        xmitBase.tick(xmitBase.nextDeadline());
        assertTrue(!sent.isEmpty() && sent.stream().allMatch("eth0"::equals), "vmac_xmit_base: " + sent);
    }

    @Test
    void eitherLinkDownFaultsAndBothUpClears() throws Exception {
        InstanceRuntime rt = instance("vrrp.51");
        VrrpRouter router = new VrrpRouter();
        router.add(rt);
        rt.start(0, false);
        rt.tick(rt.nextDeadline());
        Map<String, Boolean> up = new HashMap<>(Map.of("eth0", true, "vrrp.51", true));
        up.put("eth0", false);
        router.linkChanged(10, "eth0", up::get);
        assertEquals(VrrpState.FAULT, rt.state());
        up.put("vrrp.51", false);
        router.linkChanged(11, "vrrp.51", up::get);
        up.put("vrrp.51", true);
        router.linkChanged(12, "vrrp.51", up::get);
        assertEquals(VrrpState.FAULT, rt.state(), "the VMAC is back, the base is not");
        up.put("eth0", true);
        router.linkChanged(13, "eth0", up::get);
        assertEquals(VrrpState.BACKUP, rt.state());
    }

    @Test
    void theDataDumpShowsTheVmacAsKeepalivedDoes() throws Exception {
        InstanceRuntime rt = instance("vrrp.51");
        String t = Reports.topology(List.of(rt), 0, x -> x);
        assertTrue(t.contains("   Use VMAC, i/f name vrrp.51, is_up = true, xmit_base = false\n"), t);
        assertTrue(t.contains("   Interface = vrrp.51, vmac on eth0\n"), t);
    }
}
