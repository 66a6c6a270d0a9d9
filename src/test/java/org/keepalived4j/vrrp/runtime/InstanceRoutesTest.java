package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.FakeRoutePort;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.Ports;
import org.keepalived4j.vrrp.port.VipPort;

/**
 * virtual_routes / virtual_rules of an instance, with fake ports recording every request in one
 * list: keepalived's order (vrrp_state_become_master(): addresses, routes, rules; vrrp_restore_interface():
 * rules, routes, addresses), refusals, and the reload diff.
 */
class InstanceRoutesTest {
    @TempDir
    Path dir;

    final List<String> events = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    final FakeRoutePort routes = new FakeRoutePort(events);

    static String config(String routes, String rules) {
        return "vrrp_instance VI_1 {\n state MASTER\n interface eth0\n virtual_router_id 51\n priority 255\n"
                + " virtual_ipaddress {\n  198.51.100.100/24\n }\n virtual_routes {\n" + routes + " }\n"
                + " virtual_rules {\n" + rules + " }\n}\n";
    }

    VrrpInstanceConfig load(String text) {
        return ConfigFixture.load(dir, text).config().vrrpInstances().get(0);
    }

    InstanceRuntime master(String text) throws Exception {
        Ports ports = new Ports((i, s, d, m, t) -> { }, new VipPort() {
            public void add(String ifname, VipAddress v) {
                events.add("+vip " + v.display());
            }

            public void remove(String ifname, VipAddress v) {
                events.add("-vip " + v.display());
            }
        }, (ifname, a) -> { }, new LogPort() {
            public void info(String line) {
                logs.add(line);
            }

            public void detail(String line) {
                logs.add("D " + line);
            }
        }, (n, f, t, p) -> { }, routes);
        InstanceRuntime r = new InstanceRuntime(load(text), "eth0", InetAddress.getByName("198.51.100.11"),
                InetAddress.getByName("224.0.0.18"), ports);
        r.start(0, false);
        r.tick(r.nextDeadline());
        assertEquals(VrrpState.MASTER, r.state());
        return r;
    }

    @Test
    void masterAddsRoutesAfterItsAddressesAndRemovesRulesFirst() throws Exception {
        InstanceRuntime r = master(config("  203.0.113.0/24 via 198.51.100.1 dev eth0\n  blackhole 203.0.113.128/25\n",
                "  from 198.51.100.50 table 100 priority 100\n"));
        assertEquals(List.of("+vip 198.51.100.100/24", "+route 203.0.113.0/24 via 198.51.100.1 dev eth0",
                "+route blackhole 203.0.113.128/25", "+rule from 198.51.100.50 table 100 priority 100"), events);
        assertTrue(logs.contains("D (VI_1) setting Virtual Routes") && logs.contains("D (VI_1) setting Virtual Rules"),
                logs.toString());
        events.clear();
        r.stop(1_000_000, false);
        assertEquals(List.of("-rule from 198.51.100.50 table 100 priority 100",
                "-route 203.0.113.0/24 via 198.51.100.1 dev eth0", "-route blackhole 203.0.113.128/25",
                "-vip 198.51.100.100/24"), events);
        assertTrue(logs.contains("D (VI_1) removing Virtual Rules") && logs.contains("D (VI_1) removing Virtual Routes"),
                logs.toString());
    }

    @Test
    void aRefusedRouteIsReportedByNameTheOthersAreInstalledAndOnlyTheyAreRemoved() throws Exception {
        routes.refuse.add("203.0.113.64/26");
        InstanceRuntime r = master(config("  203.0.113.64/26 dev eth1\n  203.0.113.0/24 dev eth0\n", ""));
        assertEquals(List.of("+vip 198.51.100.100/24", "+route 203.0.113.64/26 dev eth1", "+route 203.0.113.0/24 dev eth0"),
                events);
        assertTrue(logs.contains("(VI_1) cannot add route 203.0.113.64/26 dev eth1 - RTM_TEST 203.0.113.64/26 dev eth1:"
                + " ENODEV (No such device)"), logs.toString());
        events.clear();
        r.stop(1_000_000, false);
        assertEquals(List.of("-route 203.0.113.0/24 dev eth0", "-vip 198.51.100.100/24"), events,
                "a route that was never installed is not removed");
    }

    @Test
    void reloadOfAMasterRemovesWhatIsGoneReplacesWhatStaysAndAddsTheNew() throws Exception {
        InstanceRuntime r = master(config("  203.0.113.0/24 via 198.51.100.1 dev eth0\n  203.0.113.128/25 dev eth0\n",
                "  from 198.51.100.50 table 100 priority 100\n  from 198.51.100.51 table 100 priority 101\n"));
        events.clear();
        VrrpInstanceConfig next = load(config("  203.0.113.128/25 dev eth0 metric 5\n  203.0.113.128/25 dev eth0\n"
                + "  2001:db8:1::/48 dev eth0\n", "  from 198.51.100.51 table 100 priority 101\n"));
        r.reload(2_000_000, next, InetAddress.getByName("198.51.100.11"));
        assertEquals(List.of(
                "-rule from 198.51.100.50 table 100 priority 100",
                "-route 203.0.113.0/24 via 198.51.100.1 dev eth0",
                "=route 203.0.113.128/25 dev eth0",
                // restore_vrrp_state(): every route again (force), rules not yet installed only
                "+route 203.0.113.128/25 dev eth0 metric 5", "+route 203.0.113.128/25 dev eth0",
                "+route 2001:db8:1::/48 dev eth0"), events);
        events.clear();
        r.stop(3_000_000, false);
        assertEquals(List.of("-rule from 198.51.100.51 table 100 priority 101",
                "-route 203.0.113.128/25 dev eth0 metric 5", "-route 203.0.113.128/25 dev eth0",
                "-route 2001:db8:1::/48 dev eth0", "-vip 198.51.100.100/24"), events);
    }

    @Test
    void aBackupInstallsNothingAndItsReloadTouchesNothing() throws Exception {
        VrrpInstanceConfig cfg = load(config("  203.0.113.0/24 dev eth0\n", "  from 198.51.100.50 table 100 priority 1\n")
                .replace("priority 255", "priority 100").replace("state MASTER", "state BACKUP"));
        Ports ports = new Ports((i, s, d, m, t) -> { }, new VipPort() {
            public void add(String ifname, VipAddress v) {
                events.add("+vip");
            }

            public void remove(String ifname, VipAddress v) {
                events.add("-vip");
            }
        }, (ifname, a) -> { }, new LogPort() {
            public void info(String line) {
            }

            public void detail(String line) {
            }
        }, (n, f, t, p) -> { }, routes);
        InstanceRuntime r = new InstanceRuntime(cfg, "eth0", InetAddress.getByName("198.51.100.11"),
                InetAddress.getByName("224.0.0.18"), ports);
        r.start(0, false);
        assertEquals(VrrpState.BACKUP, r.state());
        r.reload(1, load(config("  203.0.113.128/25 dev eth0\n", "")), InetAddress.getByName("198.51.100.11"));
        r.stop(2, false);
        assertEquals(List.of(), events);
    }
}
