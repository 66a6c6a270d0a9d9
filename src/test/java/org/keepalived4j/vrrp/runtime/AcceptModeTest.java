package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.FakeRoutePort;
import org.keepalived4j.vrrp.port.FirewallPort;
import org.keepalived4j.vrrp.port.Ports;

/**
 * Accept mode (keepalived's vrrp_handle_accept_mode()): which VIPs go into the firewall's drop
 * sets, when, and in which order with the addresses, with keepalived's -D lines.
 */
class AcceptModeTest {
    static final long S = 1_000_000;
    @TempDir
    Path dir;

    private final EventPorts recorded = new EventPorts(false);
    /** Everything the instance does, in order: "fw+ A", "vip+ A", "D line", ... */
    final List<String> events = recorded.events;
    boolean refuse;

    private Ports ports() {
        FirewallPort fw = new FirewallPort() {
            public void add(List<Entry> e) throws IOException {
                if (refuse) {
                    throw new IOException("EEXIST");
                }
                events.add("fw+ " + text(e));
            }

            public void remove(List<Entry> e) {
                events.add("fw- " + text(e));
            }
        };
        return new Ports((i, s, d, m, t) -> { }, recorded.vips(), (i, a) -> { }, recorded.log(), (n, f, t, p) -> { },
                new FakeRoutePort(), fw);
    }

    private static String text(List<FirewallPort.Entry> e) {
        return e.stream().map(x -> x.address().getHostAddress() + "@" + x.ifname() + (x.byName() ? "(name)" : ""))
                .collect(Collectors.joining(","));
    }

    private VrrpInstanceConfig config(String global, String body) {
        return ConfigFixture.load(dir, "global_defs {\n" + global + "}\nvrrp_instance VI_1 {\n interface eth0\n"
                + " virtual_router_id 51\n advert_int 1\n" + body + "}\n").config().vrrpInstances().get(0);
    }

    private InstanceRuntime master(VrrpInstanceConfig cfg) throws IOException {
        boolean v6 = cfg.isIpv6();
        InstanceRuntime rt = new InstanceRuntime(cfg, "eth0", InetAddress.getByName(v6 ? "fe80::11" : "198.51.100.11"),
                InetAddress.getByName(v6 ? "ff02::12" : "224.0.0.18"), ports());
        rt.start(0, false);
        rt.tick(rt.nextDeadline());
        assertEquals(VrrpState.MASTER, rt.state());
        return rt;
    }

    private List<String> without(String prefix) {
        return events.stream().filter(e -> !e.startsWith(prefix)).toList();
    }

    private static final String VIPS = " virtual_ipaddress {\n  198.51.100.100/24\n  198.51.100.101/24 dev eth1\n }\n"
            + " virtual_ipaddress_excluded {\n  203.0.113.7/32\n }\n";

    @Test
    void strictNonOwnerBlocksItsVipsBeforeAddingThemAndUnblocksAfterRemovingThem() throws IOException {
        InstanceRuntime rt = master(config(" vrrp_strict\n", " priority 100\n" + VIPS));
        rt.stop(10 * S, false);
        List<String> relevant = events.stream().filter(e -> e.startsWith("fw") || e.startsWith("vip")
                || e.contains("firewall") || e.contains("VIPs.")).toList();
        assertEquals(List.of(
                "D (VI_1) setting firewall drop rule",
                "fw+ 198.51.100.100@eth0,198.51.100.101@eth1,203.0.113.7@eth0",
                "D (VI_1) setting VIPs.",
                "vip+ 198.51.100.100", "vip+ 198.51.100.101", "vip+ 203.0.113.7",
                "D (VI_1) removing VIPs.",
                "vip- 198.51.100.100", "vip- 198.51.100.101", "vip- 203.0.113.7",
                "D (VI_1) removing firewall drop rule",
                "fw- 198.51.100.100@eth0,198.51.100.101@eth1,203.0.113.7@eth0"), relevant);
    }

    @Test
    void ownerAndAcceptModeNeverTouchTheFirewall() throws IOException {
        master(config(" vrrp_strict\n", " priority 255\n" + VIPS)).stop(10 * S, false);
        master(config("", " priority 100\n" + VIPS)).stop(10 * S, false);
        master(config(" vrrp_strict\n", " version 3\n priority 100\n accept\n" + VIPS)).stop(10 * S, false);
        assertTrue(events.stream().noneMatch(e -> e.startsWith("fw") || e.contains("firewall")), events.toString());
    }

    @Test
    void noAcceptWithoutStrictModeBlocksToo() throws IOException {
        master(config("", " priority 100\n no_accept\n virtual_ipaddress {\n  198.51.100.100/24\n }\n"));
        assertTrue(events.contains("fw+ 198.51.100.100@eth0"), events.toString());
    }

    @Test
    void linkLocalVipsWithDontTrackPrimaryAreMatchedByName() throws IOException {
        master(config(" vrrp_strict\n", " priority 100\n dont_track_primary\n virtual_ipaddress {\n  fe80::52/64\n"
                + "  fe80::53/64 dev eth1\n  fe80::54/64 dev eth1 no_track\n  2001:db8::100/64\n }\n"));
        assertTrue(events.contains("fw+ fe80:0:0:0:0:0:0:52@eth0(name),fe80:0:0:0:0:0:0:53@eth1,"
                + "fe80:0:0:0:0:0:0:54@eth1(name),2001:db8:0:0:0:0:0:100@eth0(name)"), events.toString());
    }

    @Test
    void reloadOfAMasterFollowsTheNewAddressesAndMode() throws IOException {
        InstanceRuntime rt = master(config(" vrrp_strict\n", " priority 100\n" + VIPS));
        events.clear();
        rt.reload(5 * S, config(" vrrp_strict\n", " priority 100\n virtual_ipaddress {\n  198.51.100.100/24\n"
                + "  198.51.100.102/24\n }\n"), InetAddress.getByName("198.51.100.11"));
        List<String> fw = events.stream().filter(e -> e.startsWith("fw") || e.startsWith("vip")).toList();
        assertEquals(List.of("vip- 198.51.100.101", "vip- 203.0.113.7", "fw- 198.51.100.101@eth1,203.0.113.7@eth0",
                "fw+ 198.51.100.102@eth0", "vip+ 198.51.100.102"), fw);
        events.clear();
        rt.reload(6 * S, config(" vrrp_strict\n", " priority 100\n version 3\n accept\n virtual_ipaddress {\n"
                + "  198.51.100.100/24\n  198.51.100.102/24\n }\n"), InetAddress.getByName("198.51.100.11"));
        assertEquals(List.of("fw- 198.51.100.100@eth0,198.51.100.102@eth0"),
                events.stream().filter(e -> e.startsWith("fw")).toList(), "accept mode now: nothing blocked");
    }

    @Test
    void aRefusedBatchIsLoggedAndNotRemembered() throws IOException {
        refuse = true;
        InstanceRuntime rt = master(config(" vrrp_strict\n", " priority 100\n virtual_ipaddress {\n"
                + "  198.51.100.100/24\n }\n"));
        assertTrue(events.contains("(VI_1) cannot add VIPs to the firewall drop sets: EEXIST"), events.toString());
        events.clear();
        rt.stop(10 * S, false);
        assertTrue(without("D ").stream().noneMatch(e -> e.startsWith("fw-")), "nothing to remove: " + events);
    }
}
