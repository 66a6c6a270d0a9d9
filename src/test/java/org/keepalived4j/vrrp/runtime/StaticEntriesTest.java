package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.port.FakeRoutePort;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.VipPort;

/** static_ipaddress / static_routes / static_rules over a VRRP subsystem's life, as keepalived 2.2.7's vrrp_daemon.c. */
class StaticEntriesTest {
    @TempDir
    Path dir;

    final List<String> events = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    final FakeRoutePort routes = new FakeRoutePort(events);
    final VipPort vips = new VipPort() {
        public void add(String ifname, VipAddress v) {
            events.add("+addr " + v.display() + " on " + ifname);
        }

        public void remove(String ifname, VipAddress v) {
            events.add("-addr " + v.display() + " on " + ifname);
        }
    };
    final LogPort log = new LogPort() {
        public void info(String line) {
            logs.add(line);
        }

        public void detail(String line) {
            logs.add("D " + line);
        }
    };

    KeepalivedConfig load(String addrs, String routes, String rules) {
        return ConfigFixture.load(dir, "global_defs {\n default_interface eth1\n}\n"
                + "static_ipaddress {\n" + addrs + "}\nstatic_routes {\n" + routes + "}\n"
                + "static_rules {\n" + rules + "}\n").config();
    }

    @Test
    void startClearsLeftoverRulesThenAddsAddressesRoutesRulesAndStopRemovesThemInReverse() {
        StaticEntries s = new StaticEntries(vips, routes, log, load(" 198.51.100.200/24 dev eth0\n 198.51.100.201/24\n",
                " 203.0.113.0/24 via 198.51.100.1 dev eth0\n", " from 198.51.100.50 table 100 priority 100\n"));
        s.start();
        assertEquals(List.of("-leftover-rule from 198.51.100.50 table 100 priority 100",
                "+addr 198.51.100.200/24 dev eth0 on eth0", "+addr 198.51.100.201/24 on eth1",
                "+route 203.0.113.0/24 via 198.51.100.1 dev eth0", "+rule from 198.51.100.50 table 100 priority 100"),
                events, "an address without dev goes to default_interface");
        events.clear();
        s.stop();
        assertEquals(List.of("-rule from 198.51.100.50 table 100 priority 100",
                "-route 203.0.113.0/24 via 198.51.100.1 dev eth0", "-addr 198.51.100.200/24 dev eth0 on eth0",
                "-addr 198.51.100.201/24 on eth1"), events);
    }

    @Test
    void reloadRemovesWhatIsGoneKeepsWhatStaysAndAddsTheNew() {
        StaticEntries s = new StaticEntries(vips, routes, log, load(" 198.51.100.200/24 dev eth0\n 198.51.100.201/24 dev eth0\n",
                " 203.0.113.0/24 dev eth0\n 203.0.113.128/25 dev eth0\n",
                " from 198.51.100.50 table 100 priority 100\n from 198.51.100.51 table 100 priority 101\n"));
        s.start();
        events.clear();
        s.reload(load(" 198.51.100.201/24 dev eth0\n 198.51.100.202/24 dev eth0\n", " 203.0.113.128/25 dev eth0\n",
                " from 198.51.100.51 table 100 priority 101\n from 198.51.100.52 table 100 priority 102\n"));
        assertEquals(List.of("-rule from 198.51.100.50 table 100 priority 100", "-route 203.0.113.0/24 dev eth0",
                "=route 203.0.113.128/25 dev eth0", "-addr 198.51.100.200/24 dev eth0 on eth0"), events);
        events.clear();
        s.add();
        assertEquals(List.of("+addr 198.51.100.202/24 dev eth0 on eth0",
                "+rule from 198.51.100.52 table 100 priority 102"), events);
    }

    @Test
    void aRuleBlockThatDisappearsIsReported() {
        StaticEntries s = new StaticEntries(vips, routes, log, load("", "", " from 198.51.100.50 table 100 priority 100\n"));
        s.start();
        s.reload(load("", "", ""));
        assertTrue(logs.contains("Removing a VirtualRule block"), logs.toString());
        assertTrue(events.contains("-rule from 198.51.100.50 table 100 priority 100"), events.toString());
    }
}
