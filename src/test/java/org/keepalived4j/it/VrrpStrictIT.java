package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strict mode and accept mode on a real kernel (lb1, lb2, client on one bridge): a non-owner
 * MASTER without {@code accept} (strict mode's default) drops traffic to its VIP through the
 * nftables table {@code keepalived}, as keepalived 2.2.7 does (RFC 5798 Accept_Mode false); the
 * address owner and an instance with {@code accept} answer. The rulesets are read with
 * {@code nft list ruleset} in the namespaces and compared with what keepalived 2.2.7 installs
 * with the same configuration; keepalived in strict mode interoperates in both roles.
 * Addresses from 198.51.100.0/24 and 2001:db8::/32 / fe80::/64 only.
 */
class VrrpStrictIT extends BalancerLan {
    static final String VIP6 = "2001:db8::100";

    @BeforeEach
    void nft() {
        boolean nft = NetLab.installed("nft");
        if (!nft) {
            System.err.println("*** VrrpStrictIT SKIPPED: the nft command is missing (apt-get install nftables;"
                    + " ./scripts/test-all.sh installs it) ***");
        }
        assumeTrue(nft, "nft installed");
    }

    /** VI_1 (IPv4, VRID 51) under {@code vrrp_strict}; VRRPv3 at 0.1 s so that takeovers are quick. */
    static String strict(int priority, String extra) {
        return "global_defs {\n  vrrp_strict\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority " + priority + "\n"
                + "  advert_int 0.1\n  version 3\n" + extra + "  virtual_ipaddress {\n    " + VIP + "/24\n  }\n}\n";
    }

    Process keepalived(String host, String conf) throws IOException {
        Path c = dir.resolve(host + "-k.conf");
        Files.writeString(c, conf);
        return lab.spawn(host, dir.resolve(host + "-k.log"), "keepalived", "-n", "-l", "-D", "-G", "-f", c.toString(),
                "-p", dir.resolve(host + "-k.pid").toString(), "-r", dir.resolve(host + "-k-vrrp.pid").toString(),
                "-c", dir.resolve(host + "-k-chk.pid").toString());
    }

    String klog(String host) {
        return NetLab.read(dir.resolve(host + "-k.log"));
    }

    /** {@code nft list ruleset} of a host, counter values replaced by N. */
    String ruleset(String host) {
        try {
            return lab.in(host, "nft", "list", "ruleset").replaceAll("packets \\d+ bytes \\d+", "packets N bytes N");
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** One ICMP echo from the client, answered within 1 s. */
    boolean pingAnswered(String address) {
        try {
            lab.in("client", "ping", "-c", "1", "-W", "1", address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A TCP connection attempt from the client to a closed port: "refused" when the host
     * accepts the packet (and answers with a RST), "timeout" when it is dropped.
     */
    String tcp(String address) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", lab.ns("client", false), "timeout", "2", "bash", "-c",
                "echo > /dev/tcp/" + address + "/9").redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "hung";
        }
        String out = new String(p.getInputStream().readAllBytes());
        return p.exitValue() == 124 ? "timeout" : out.contains("refused") ? "refused" : "exit " + p.exitValue() + " " + out;
    }

    boolean vipElement(String host) {
        return ruleset(host).contains("elements = { " + VIP);
    }

    String all() {
        return "--- lb1:\n" + ruleset("lb1") + log("lb1") + klog("lb1") + "\n--- lb2:\n" + ruleset("lb2") + log("lb2")
                + klog("lb2");
    }

    @Test
    void theNonOwnerMasterDropsTrafficToTheVipUntilItLeavesAndTheTableGoesAtStop() throws Exception {
        Process m = ours("lb1", strict(150, ""));
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP) && vipElement("lb1")), all());
        Process b = ours("lb2", strict(100, ""));
        assertTrue(NetLab.await(10_000, () -> log("lb2").contains("Entering BACKUP STATE")), log("lb2"));
        assertTrue(pingAnswered("198.51.100.11"), "the real address answers");
        assertFalse(pingAnswered(VIP), "the MASTER has the VIP but drops the echo request\n" + all());
        assertEquals("timeout", tcp(VIP), "a TCP SYN to the VIP is dropped too");
        assertEquals("refused", tcp("198.51.100.11"), "the real address answers a SYN with a RST");
        assertEquals("", ruleset("lb2").strip(), "the BACKUP has no table: it never was MASTER");
        assertTrue(log("lb1").contains("use_vmac or no_accept/strict specified, but no firewall configured - using"
                + " nftables"), log("lb1"));
        assertTrue(log("lb1").contains("(VI_1) setting firewall drop rule"), log("lb1"));

        NetLab.signal(m, "TERM");
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb2", VIP) && vipElement("lb2")), all());
        assertTrue(NetLab.await(10_000, () -> !m.isAlive()), "lb1 exits");
        assertEquals("", ruleset("lb1").strip(), "SIGTERM deleted lb1's table");
        assertFalse(pingAnswered(VIP), "the new MASTER drops too");

        // lb1 comes back with a higher priority: lb2 leaves MASTER, its set empties, the table stays
        Process m2 = ours("lb1", strict(150, ""));
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP) && !lab.hasAddress("lb2", VIP)), all());
        assertTrue(NetLab.await(5_000, () -> ruleset("lb2").contains("table ip keepalived") && !vipElement("lb2")),
                all());
        assertTrue(log("lb2").contains("(VI_1) removing firewall drop rule"), log("lb2"));
        NetLab.signal(b, "TERM");
        NetLab.signal(m2, "TERM");
        assertTrue(NetLab.await(10_000, () -> !b.isAlive() && !m2.isAlive()), "both exit");
        assertEquals("", ruleset("lb2").strip() + ruleset("lb1").strip(), "no table left");
    }

    @Test
    void theOwnerAndAnInstanceWithAcceptAnswer() throws Exception {
        Process o = ours("lb1", strict(255, ""));
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP)), all());
        assertTrue(NetLab.await(5_000, () -> pingAnswered(VIP)), "the address owner accepts\n" + all());
        assertEquals("", ruleset("lb1").strip(), "no firewall for the owner");
        NetLab.signal(o, "TERM");
        assertTrue(NetLab.await(10_000, () -> !o.isAlive()), "lb1 exits");

        ours("lb2", strict(100, "  accept\n"));
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb2", VIP)), all());
        assertTrue(NetLab.await(5_000, () -> pingAnswered(VIP)), "accept mode (VRRPv3) answers\n" + all());
        assertEquals("refused", tcp(VIP));
        assertEquals("", ruleset("lb2").strip());
    }

    /** The strict configuration used to compare rulesets: both families, a link-local VIP, counters. */
    static String comparison(int priority) {
        return "global_defs {\n  vrrp_strict\n  nftables_counters\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority " + priority + "\n"
                + "  advert_int 0.1\n  version 3\n  virtual_ipaddress {\n    " + VIP + "/24\n    198.51.100.101/24\n"
                + "  }\n  virtual_ipaddress_excluded {\n    203.0.113.7/32\n  }\n}\n"
                + "vrrp_instance VI_6 {\n  interface eth0\n  virtual_router_id 52\n  priority " + priority + "\n"
                + "  advert_int 0.1\n  virtual_ipaddress {\n    fe80::52/64\n    " + VIP6 + "/64\n  }\n}\n";
    }

    /** MASTER, then BACKUP (lb2 preempts with a higher priority), then stopped: three rulesets. */
    List<String> rulesetsOf(Process daemon, String host, java.util.function.Supplier<String> daemonLog) throws Exception {
        assertTrue(NetLab.await(20_000, () -> vipElement(host) && ruleset(host).contains(VIP6)),
                ruleset(host) + daemonLog.get());
        String master = ruleset(host);
        Process preempt = ours("lb2", comparison(200));
        assertTrue(NetLab.await(20_000, () -> lab.hasAddress("lb2", VIP) && !lab.hasAddress(host, VIP)
                && !ruleset(host).contains(VIP6) && !vipElement(host)), all() + daemonLog.get());
        String backup = ruleset(host);
        NetLab.signal(preempt, "TERM");
        NetLab.signal(daemon, "TERM");
        assertTrue(NetLab.await(10_000, () -> !preempt.isAlive() && !daemon.isAlive()), "both exit");
        return List.of(master, backup, ruleset(host));
    }

    @Test
    void keepalivedInstallsTheSameRulesetsAsWeDo() throws Exception {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        lab.in("lb1", "ip", "addr", "add", "2001:db8::11/64", "dev", "eth0", "nodad");
        lab.in("lb2", "ip", "addr", "add", "2001:db8::12/64", "dev", "eth0", "nodad");
        // IPv6 VRRP needs the link-local addresses out of DAD
        assertTrue(NetLab.await(10_000, () -> {
            try {
                return !lab.in("lb1", "ip", "-6", "addr").contains("tentative")
                        && !lab.in("lb2", "ip", "-6", "addr").contains("tentative");
            } catch (IOException e) {
                return false;
            }
        }));
        Process k = keepalived("lb1", comparison(150));
        List<String> theirs = rulesetsOf(k, "lb1", () -> klog("lb1"));
        Process o = ours("lb1", comparison(150));
        List<String> ours = rulesetsOf(o, "lb1", () -> log("lb1"));
        assertTrue(theirs.get(0).contains("set vips_link_local") && theirs.get(0).contains("counter packets N"),
                theirs.get(0));
        assertEquals(theirs.get(0), ours.get(0), "MASTER: ip and ip6 tables with the VIPs");
        assertEquals(theirs.get(1), ours.get(1), "BACKUP after MASTER: the tables stay, the sets are empty");
        assertEquals("", theirs.get(2).strip(), "keepalived deletes its tables at SIGTERM");
        assertEquals(theirs.get(2), ours.get(2), "stopped: no table");
    }

    @Test
    void interopWithKeepalivedInStrictModeBothRoles() throws Exception {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        // keepalived MASTER, we BACKUP: we stay BACKUP (no VIP, no table) and take over at its SIGTERM
        Process k = keepalived("lb1", strict(150, ""));
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP) && vipElement("lb1")), all());
        Process o = ours("lb2", strict(100, ""));
        assertTrue(NetLab.await(10_000, () -> log("lb2").contains("Entering BACKUP STATE")), log("lb2"));
        Thread.sleep(1_500);   // 15 advert intervals: a BACKUP that misses them would have taken over
        assertFalse(lab.hasAddress("lb2", VIP), "we stay BACKUP behind keepalived\n" + all());
        assertEquals("", ruleset("lb2").strip());
        NetLab.signal(k, "TERM");
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb2", VIP) && vipElement("lb2")), all());
        assertTrue(NetLab.await(10_000, () -> !k.isAlive() && ruleset("lb1").strip().isEmpty()), all());
        assertFalse(pingAnswered(VIP), "our MASTER drops like keepalived's\n" + all());

        // we MASTER, keepalived BACKUP: keepalived stays BACKUP and takes over at our SIGTERM
        Process k2 = keepalived("lb1", strict(50, ""));
        assertTrue(NetLab.await(10_000, () -> klog("lb1").contains("Entering BACKUP STATE")), klog("lb1"));
        Thread.sleep(1_500);
        assertFalse(lab.hasAddress("lb1", VIP), "keepalived stays BACKUP behind us\n" + all());
        NetLab.signal(o, "TERM");
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb1", VIP) && vipElement("lb1")), all());
        assertTrue(NetLab.await(10_000, () -> !o.isAlive() && ruleset("lb2").strip().isEmpty()), all());
        NetLab.signal(k2, "TERM");
        assertTrue(NetLab.await(10_000, () -> !k2.isAlive()), "keepalived exits");
    }
}
