package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * virtual_routes / virtual_rules and static_ipaddress / static_routes / static_rules on a real
 * kernel: lb1 and lb2 (our daemon) on one bridge; the routing tables and rules are read with
 * {@code ip route show table all} / {@code ip rule} inside the namespaces. Real keepalived 2.2.7
 * run with the same configuration in the same namespace must leave the same tables.
 * Addresses from 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32 only.
 */
class VrrpRoutesIT extends BalancerLan {
    /** The routes and rule the instance installs as MASTER, as {@code ip} prints them. */
    static final List<String> VIRTUAL = List.of(
            "203.0.113.0/24 via 198.51.100.1 dev eth0 proto keepalived",
            "203.0.113.0/25 via 198.51.100.1 dev eth0 table 100 proto keepalived metric 50",
            "blackhole 203.0.113.128/25 proto keepalived",
            "203.0.113.64/26 dev eth0 proto keepalived scope link src 198.51.100.100",
            "2001:db8:1::/48 via 2001:db8::1 dev eth0 proto keepalived metric 1024 pref medium",
            "100:\tfrom 198.51.100.50 lookup 100 proto keepalived");
    static final List<String> STATIC = List.of(
            "203.0.113.240/28 via 198.51.100.1 dev eth0 proto keepalived",
            "unreachable 203.0.113.224/28 table 200 proto keepalived",
            "200:\tfrom 203.0.113.250 lookup 200 proto keepalived");

    @BeforeEach
    void ipv6() throws IOException {
        for (String h : List.of("lb1", "lb2")) {
            lab.in(h, "ip", "addr", "add", "2001:db8::" + (h.equals("lb1") ? "11" : "12") + "/64", "dev", "eth0", "nodad");
            // an interface that one test deletes while its route is configured
            lab.in(h, "ip", "link", "add", "vx0", "type", "veth", "peer", "name", "vx1");
            lab.in(h, "ip", "link", "set", "vx0", "up");
        }
    }

    static String config(String state, int priority, String staticAddress, String virtualRoutes, String staticRoutes) {
        return "static_ipaddress {\n  " + staticAddress + "/32 dev eth0\n}\n"
                + "static_routes {\n" + staticRoutes + "}\n"
                + "static_rules {\n  from 203.0.113.250 table 200 priority 200\n}\n"
                + "vrrp_instance VI_1 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 51\n"
                + "  priority " + priority + "\n  advert_int 0.1\n  version 3\n"
                + "  virtual_ipaddress {\n    " + VIP + "/24\n  }\n"
                + "  virtual_routes {\n" + virtualRoutes + "  }\n"
                + "  virtual_rules {\n    from 198.51.100.50 table 100 priority 100\n  }\n}\n";
    }

    static final String ROUTES = "    203.0.113.0/24 via 198.51.100.1 dev eth0\n"
            + "    203.0.113.0/25 via 198.51.100.1 dev eth0 table 100 metric 50\n"
            + "    blackhole 203.0.113.128/25\n"
            + "    src " + VIP + " 203.0.113.64/26 dev eth0 scope link\n"
            + "    2001:db8:1::/48 via 2001:db8::1 dev eth0\n";
    static final String STATIC_ROUTES = "  203.0.113.240/28 via 198.51.100.1 dev eth0\n"
            + "  unreachable 203.0.113.224/28 table 200\n";

    /** Routes (both families, all tables) and rules (both families) of a host, one entry per line, trimmed. */
    String tables(String host) {
        try {
            return lab.in(host, "ip", "-4", "route", "show", "table", "all") + lab.in(host, "ip", "-6", "route", "show",
                    "table", "all") + lab.in(host, "ip", "-4", "rule") + lab.in(host, "ip", "-6", "rule");
        } catch (IOException e) {
            return "";
        }
    }

    java.util.Set<String> lines(String host) {
        return java.util.Arrays.stream(tables(host).split("\n")).map(String::strip)
                .collect(java.util.stream.Collectors.toSet());
    }

    boolean has(String host, List<String> entries) {
        java.util.Set<String> t = lines(host);
        return entries.stream().map(String::strip).allMatch(t::contains);
    }

    boolean hasNone(String host, List<String> entries) {
        java.util.Set<String> t = lines(host);
        return entries.stream().map(String::strip).noneMatch(t::contains);
    }

    String both() {
        return "--- lb1:\n" + tables("lb1") + log("lb1") + "\n--- lb2:\n" + tables("lb2") + log("lb2");
    }

    @Test
    void masterInstallsItsRoutesTheyMoveOnFailoverReloadAppliesTheDiffAndStopRemovesEverything() throws Exception {
        Process m = ours("lb1", config("MASTER", 150, "203.0.113.251", ROUTES, STATIC_ROUTES));
        Process b = ours("lb2", config("BACKUP", 100, "203.0.113.252", ROUTES, STATIC_ROUTES));
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP) && has("lb1", VIRTUAL)), both());
        assertTrue(NetLab.await(5_000, () -> has("lb2", STATIC) && lab.hasAddress("lb2", "203.0.113.252")), both());
        assertTrue(has("lb1", STATIC) && lab.hasAddress("lb1", "203.0.113.251"), both());
        assertTrue(hasNone("lb2", VIRTUAL), "the backup has no virtual route or rule\n" + both());

        NetLab.signal(m, "TERM");
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb2", VIP) && has("lb2", VIRTUAL)), both());
        assertTrue(NetLab.await(5_000, () -> !m.isAlive()), "lb1 exits");
        assertTrue(hasNone("lb1", VIRTUAL) && hasNone("lb1", STATIC) && !lab.hasAddress("lb1", "203.0.113.251"),
                "SIGTERM removed lb1's virtual and static entries\n" + both());
        assertFalse(tables("lb1").contains("proto keepalived"), both());

        // reload: one virtual route replaced by another, one static route changed
        String routes2 = ROUTES.replace("    203.0.113.0/25 via 198.51.100.1 dev eth0 table 100 metric 50\n",
                "    203.0.113.192/26 via 198.51.100.2 dev eth0 table 100\n");
        String static2 = STATIC_ROUTES.replace("203.0.113.240/28", "203.0.113.208/28");
        Files.writeString(dir.resolve("lb2.conf"), config("BACKUP", 100, "203.0.113.252", routes2, static2));
        NetLab.signal(b, "HUP");
        List<String> added = List.of("203.0.113.192/26 via 198.51.100.2 dev eth0 table 100 proto keepalived",
                "203.0.113.208/28 via 198.51.100.1 dev eth0 proto keepalived");
        List<String> gone = List.of(VIRTUAL.get(1), STATIC.get(0));
        assertTrue(NetLab.await(10_000, () -> has("lb2", added) && hasNone("lb2", gone)), both());
        List<String> kept = List.of(VIRTUAL.get(0), VIRTUAL.get(2), VIRTUAL.get(3), VIRTUAL.get(4), VIRTUAL.get(5),
                STATIC.get(1), STATIC.get(2));
        assertTrue(has("lb2", kept), "the others stay\n" + both());
        assertTrue(lab.hasAddress("lb2", VIP), "still MASTER after the reload");

        NetLab.signal(b, "TERM");
        assertTrue(NetLab.await(10_000, () -> !b.isAlive()), "lb2 exits");
        assertFalse(tables("lb2").contains("proto keepalived"), "SIGTERM removed every route and rule\n" + both());
        assertFalse(lab.hasAddress("lb2", "203.0.113.252"), "and the static address");
    }

    @Test
    void aRefusedRouteAndAVanishedInterfaceAreReportedByNameAndTheRestIsInstalled() throws Exception {
        String routes = ROUTES + "    203.0.113.32/27 via 203.0.113.1 dev eth0\n    203.0.113.48/28 dev vx0\n";
        ours("lb1", config("BACKUP", 100, "203.0.113.251", routes, STATIC_ROUTES));
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("Entering BACKUP STATE")), log("lb1"));
        lab.in("lb1", "ip", "link", "del", "vx0");   // gone before the takeover
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP) && has("lb1", VIRTUAL)), both());
        String l = log("lb1");
        assertTrue(l.contains("Netlink: error: Network is unreachable(101), type=RTM_NEWROUTE(24)"), l);
        assertTrue(l.contains("(VI_1) cannot add route 203.0.113.32/27 via 203.0.113.1 dev eth0 - RTM_NEWROUTE"
                + " 203.0.113.32/27 via 203.0.113.1 dev eth0: ENETUNREACH (Network is unreachable)"), l);
        assertTrue(l.contains("(VI_1) cannot add route 203.0.113.48/28 dev vx0 - RTM_NEWROUTE 203.0.113.48/28 dev vx0:"
                + " ENODEV (interface vx0 does not exist)"), l);
    }

    /** Everything but what differs between two runs by nature (none expected here). */
    String snapshot(String host) {
        try {
            return tables(host) + "addresses:\n" + lab.in(host, "ip", "-o", "addr", "show");
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void keepalivedLeavesTheSameTablesAsWeDo() throws Exception {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        String conf = config("MASTER", 255, "203.0.113.251", ROUTES, STATIC_ROUTES);
        // the link-local address leaves DAD (~2 s) and gains its local route: let that happen first
        assertTrue(NetLab.await(10_000, () -> !snapshot("lb1").contains("tentative")
                && snapshot("lb1").contains("local fe80:")), snapshot("lb1"));
        String before = snapshot("lb1");
        Path c = dir.resolve("k.conf");
        Files.writeString(c, conf);
        Process k = lab.spawn("lb1", dir.resolve("k.log"), "keepalived", "-n", "-l", "-D", "-G", "-f", c.toString(),
                "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("k-vrrp.pid").toString(),
                "-c", dir.resolve("k-chk.pid").toString());
        assertTrue(NetLab.await(15_000, () -> has("lb1", VIRTUAL) && has("lb1", STATIC)),
                tables("lb1") + NetLab.read(dir.resolve("k.log")));
        String theirs = snapshot("lb1");
        NetLab.signal(k, "TERM");
        assertTrue(NetLab.await(10_000, () -> !k.isAlive()), "keepalived exits");
        String afterTheirs = snapshot("lb1");

        Process o = ours("lb1", conf);
        assertTrue(NetLab.await(15_000, () -> has("lb1", VIRTUAL) && has("lb1", STATIC)), both());
        String ours = snapshot("lb1");
        NetLab.signal(o, "TERM");
        assertTrue(NetLab.await(10_000, () -> !o.isAlive()), "we exit");
        String afterOurs = snapshot("lb1");

        assertEquals(theirs, ours, "routes, rules and addresses while running");
        assertEquals(afterTheirs, afterOurs, "what is left after SIGTERM");
        assertEquals(before, afterOurs, "SIGTERM leaves the tables as they were before the start");
    }
}
