package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Failover on a real kernel: two or three hosts on a bridge in network namespaces, our daemon
 * and real keepalived 2.2.7 as peers. Addresses from 198.51.100.0/24 only. Assertions are on
 * outcomes (who holds the VIP, what was logged), every wait is bounded, never on speed.
 */
class VrrpFailoverIT extends BalancerLan {
    Process keepalived(String host, String conf) throws IOException {
        Path c = dir.resolve(host + ".conf");
        Files.writeString(c, conf);
        return lab.spawn(host, dir.resolve(host + ".log"), "keepalived", "-n", "-l", "-D", "-G", "-f", c.toString(),
                "-p", dir.resolve(host + ".pid").toString(), "-r", dir.resolve(host + "-vrrp.pid").toString(),
                "-c", dir.resolve(host + "-chk.pid").toString());
    }


    boolean masterIs(String host, String other) {
        return lab.hasAddress(host, VIP) && !lab.hasAddress(other, VIP);
    }

    /** Polls both hosts for a while: at no sample may both hold the VIP. */
    private void assertNeverTwoMasters(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        int samples = 0;
        while (System.nanoTime() < end) {
            assertFalse(lab.hasAddress("lb1", VIP) && lab.hasAddress("lb2", VIP),
                    "two masters\n--- lb1:\n" + log("lb1") + "\n--- lb2:\n" + log("lb2"));
            samples++;
        }
        assertTrue(samples > 10, "sampled " + samples + " times");
    }

    /** The host's daemon has logged a state and its latest one is BACKUP (start-up may pass through MASTER). */
    private boolean settledBackup(String host) {
        String l = log(host);
        int backup = l.lastIndexOf("Entering BACKUP STATE");
        return backup >= 0 && backup > l.lastIndexOf("Entering MASTER STATE");
    }

    private void assertMaster(String host, String other, long millis) {
        assertTrue(NetLab.await(millis, () -> masterIs(host, other)),
                host + " should hold the VIP alone\n--- lb1:\n" + log("lb1") + "\n--- lb2:\n" + log("lb2"));
    }

    @Test
    void higherPriorityWinsAndSigtermHandsOverWithPriorityZero() throws IOException {
        Process m = ours("lb1", config("", "MASTER", 150, "1", 2));
        Process b = ours("lb2", config("", "BACKUP", 100, "1", 2));
        assertMaster("lb1", "lb2", 15_000);
        assertTrue(log("lb1").contains("(VI_1) Entering MASTER STATE"));
        assertTrue(log("lb2").contains("(VI_1) Entering BACKUP STATE (init)"));
        if (NetLab.installed("ping")) {
            lab.in("client", "ping", "-c", "1", "-W", "2", VIP);
            assertTrue(lab.in("client", "ip", "neigh", "show", VIP).contains(lab.mac("lb1")),
                    "client's neighbour entry points at lb1");
        }
        NetLab.signal(m, "TERM");
        assertMaster("lb2", "lb1", 10_000);
        assertTrue(NetLab.await(5_000, () -> !m.isAlive()));
        assertEquals(0, m.exitValue(), "SIGTERM exits 0");
        assertTrue(log("lb1").contains("(VI_1) sent 0 priority"));
        assertTrue(NetLab.await(2_000, () -> log("lb2").contains("(VI_1) Backup received priority 0 advertisement")));
        if (NetLab.installed("ping")) {
            lab.in("client", "ping", "-c", "1", "-W", "2", VIP);
            assertTrue(lab.in("client", "ip", "neigh", "show", VIP).contains(lab.mac("lb2")),
                    "gratuitous ARP moved the client to lb2");
        }
        assertTrue(b.isAlive());
    }

    @Test
    void sigkillOfTheMasterMovesTheVipAndTheOldMasterPreemptsOnReturn() throws IOException {
        Process m = ours("lb1", config("", "MASTER", 150, "0.1", 3));
        ours("lb2", config("", "BACKUP", 100, "0.1", 3));
        assertMaster("lb1", "lb2", 15_000);
        NetLab.signal(m, "KILL");
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb2", VIP)), "backup takes over\n" + log("lb2"));
        assertTrue(log("lb2").contains("(VI_1) Receive advertisement timeout"));
        // A SIGKILLed daemon cannot remove its address (keepalived behaves the same); clean up as an operator would.
        lab.in("lb1", "ip", "addr", "del", VIP + "/24", "dev", "eth0");
        Files.delete(dir.resolve("lb1.log"));
        ours("lb1", config("", "MASTER", 150, "0.1", 3));
        assertMaster("lb1", "lb2", 15_000);
        assertTrue(log("lb2").contains("with higher priority 150, ours 100"), log("lb2"));
    }

    @Test
    void nopreemptKeepsTheCurrentMaster() throws IOException {
        ours("lb2", config("", "BACKUP", 100, "0.1", 3));
        assertMaster("lb2", "lb1", 15_000);
        ours("lb1", config("  nopreempt\n", "BACKUP", 150, "0.1", 3));
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_1) Entering BACKUP STATE (init)")));
        assertFalse(NetLab.await(3_000, () -> lab.hasAddress("lb1", VIP)), "a nopreempt backup does not take over");
        assertTrue(lab.hasAddress("lb2", VIP));
    }

    @Test
    void unicastPeers() throws IOException {
        String uni1 = "  unicast_src_ip 198.51.100.11\n  unicast_peer {\n    198.51.100.12\n  }\n";
        String uni2 = "  unicast_src_ip 198.51.100.12\n  unicast_peer {\n    198.51.100.11\n  }\n";
        Process m = ours("lb1", config(uni1, "MASTER", 150, "0.1", 3));
        ours("lb2", config(uni2, "BACKUP", 100, "0.1", 3));
        assertMaster("lb1", "lb2", 15_000);
        NetLab.signal(m, "TERM");
        assertMaster("lb2", "lb1", 10_000);
    }

    /** tcpdump -vv in the client namespace: decodes VRRP and flags bad checksums. */
    Path capture() throws IOException {
        Path out = dir.resolve("capture.txt");
        if (NetLab.installed("tcpdump")) {
            lab.spawn("client", out, "tcpdump", "-i", "eth0", "-nn", "-vv", "-l", "ip proto 112 or ip6 proto 112");
            NetLab.await(2_000, () -> NetLab.read(out).contains("listening"));
        }
        return out;
    }

    void assertCleanCapture(Path out, String expect) {
        if (!NetLab.installed("tcpdump")) {
            System.err.println("*** tcpdump not installed: wire check skipped ***");
            return;
        }
        String c = NetLab.read(out);
        assertTrue(c.contains(expect), "capture decodes our adverts:\n" + c);
        assertFalse(c.toLowerCase().contains("bad"), "no bad checksum or malformed packet:\n" + c);
    }

    @Test
    void interopOursMasterKeepalivedBackupV2() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        Path cap = capture();
        Process m = ours("lb1", config("", "MASTER", 150, "1", 2));
        keepalived("lb2", config("", "BACKUP", 100, "1", 2));
        assertMaster("lb1", "lb2", 15_000);
        assertNeverTwoMasters(3_000);
        NetLab.signal(m, "TERM");
        assertMaster("lb2", "lb1", 10_000);
        assertTrue(NetLab.await(3_000, () -> log("lb2").contains("(VI_1) Entering MASTER STATE")), log("lb2"));
        assertCleanCapture(cap, "198.51.100.11 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 150, authtype simple, intvl 1s, length 20");
    }

    @Test
    void interopKeepalivedMasterOursBackupV3() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        Path cap = capture();
        Process k = keepalived("lb1", config("", "MASTER", 150, "0.1", 3));
        ours("lb2", config("", "BACKUP", 100, "0.1", 3));
        assertMaster("lb1", "lb2", 15_000);
        assertTrue(NetLab.await(10_000, () -> settledBackup("lb2")), log("lb2"));
        int since = log("lb2").length();   // start-up races may make either side master briefly
        assertNeverTwoMasters(3_000);
        assertFalse(NetLab.await(2_000, () -> log("lb2").substring(since).contains("Entering MASTER STATE")),
                "our backup accepts keepalived's v3 adverts:\n" + log("lb2"));
        NetLab.signal(k, "TERM");
        assertMaster("lb2", "lb1", 10_000);
        assertTrue(log("lb2").contains("(VI_1) Backup received priority 0 advertisement"), log("lb2"));
        assertTrue(NetLab.await(2_000, () -> NetLab.read(cap).contains("198.51.100.12 > 224.0.0.18: VRRPv3")));
        assertCleanCapture(cap, "198.51.100.12 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 100, intvl 10cs, length 12");
    }

    @Test
    void interopKeepalivedPreemptsOurLowerPriorityMaster() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        ours("lb2", config("", "BACKUP", 100, "1", 2));
        assertMaster("lb2", "lb1", 15_000);
        keepalived("lb1", config("", "MASTER", 150, "1", 2));
        assertMaster("lb1", "lb2", 15_000);
        assertNeverTwoMasters(3_000);
        assertTrue(log("lb2").contains("(VI_1) Master received advert from 198.51.100.11 with higher priority 150, ours 100"),
                log("lb2"));
    }

    static final String VIP6 = "2001:db8::100";

    static String config6(String state, int priority) {
        return "vrrp_instance VI_6 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 61\n  priority "
                + priority + "\n  advert_int 0.1\n  virtual_ipaddress {\n    fe80::61/64\n    " + VIP6
                + "/64\n  }\n}\n";
    }

    boolean holds6(String host) {
        try {
            return lab.in(host, "ip", "-o", "-6", "addr", "show", "dev", "eth0").contains(" " + VIP6 + "/");
        } catch (IOException e) {
            return false;
        }
    }

    /** IPv6 adverts leave from the link-local address, which cannot send until duplicate address detection ends. */
    void awaitLinkLocal(String... hosts) {
        for (String h : hosts) {
            assertTrue(NetLab.await(10_000, () -> {
                try {
                    String a = lab.in(h, "ip", "-6", "addr", "show", "dev", "eth0");
                    return a.contains("inet6 fe80:") && !a.contains("tentative");
                } catch (IOException e) {
                    return false;
                }
            }), h + ": link-local address ready");
        }
    }

    @Test
    void ipv6FailoverBetweenOurs() throws IOException {
        awaitLinkLocal("lb1", "lb2");
        Process m = ours("lb1", config6("MASTER", 150));
        ours("lb2", config6("BACKUP", 100));
        assertTrue(NetLab.await(20_000, () -> holds6("lb1") && !holds6("lb2")), log("lb1") + "\n---\n" + log("lb2"));
        NetLab.signal(m, "TERM");
        assertTrue(NetLab.await(10_000, () -> holds6("lb2") && !holds6("lb1")), log("lb2"));
        assertTrue(log("lb2").contains("(VI_6) Backup received priority 0 advertisement"), log("lb2"));
    }

    @Test
    void ipv6UnicastPeersAndInteropWithKeepalived() throws IOException {
        lab.in("lb1", "ip", "addr", "add", "2001:db8::11/64", "dev", "eth0", "nodad");
        lab.in("lb2", "ip", "addr", "add", "2001:db8::12/64", "dev", "eth0", "nodad");
        awaitLinkLocal("lb1", "lb2");
        String u1 = "  unicast_src_ip 2001:db8::11\n  unicast_peer {\n    2001:db8::12\n  }\n";
        String u2 = "  unicast_src_ip 2001:db8::12\n  unicast_peer {\n    2001:db8::11\n  }\n";
        Process m = ours("lb1", config6("MASTER", 150).replace("  advert_int", u1 + "  advert_int"));
        ours("lb2", config6("BACKUP", 100).replace("  advert_int", u2 + "  advert_int"));
        assertTrue(NetLab.await(20_000, () -> holds6("lb1") && !holds6("lb2") && settledBackup("lb2")),
                log("lb1") + "\n---\n" + log("lb2"));
        int since = log("lb2").length();
        assertFalse(NetLab.await(1_500, () -> log("lb2").substring(since).contains("Entering MASTER STATE")),
                "our backup hears our master's unicast IPv6 adverts:\n" + log("lb2"));
        NetLab.signal(m, "TERM");
        assertTrue(NetLab.await(10_000, () -> holds6("lb2") && !holds6("lb1")), log("lb2"));
        assertTrue(log("lb2").contains("(VI_6) Backup received priority 0 advertisement"), log("lb2"));
        if (NetLab.installed("keepalived")) {   // keepalived as the unicast backup of our master
            assertTrue(NetLab.await(10_000, () -> !m.isAlive()), "lb1 exited (its pid files are gone)");
            Files.delete(dir.resolve("lb1.log"));
            keepalived("lb1", config6("BACKUP", 50).replace("  advert_int", u1 + "  advert_int"));
            assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_6) Entering BACKUP STATE")), log("lb1"));
            assertFalse(NetLab.await(2_500, () -> log("lb1").contains("Entering MASTER STATE")),
                    "keepalived accepts our unicast IPv6 adverts:\n" + log("lb1"));
        }
    }

    @Test
    void ipv6InteropWithKeepalivedBothWays() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        awaitLinkLocal("lb1", "lb2");
        Process k = keepalived("lb1", config6("MASTER", 150));
        Process o = ours("lb2", config6("BACKUP", 100));
        // Before lb1's link-local address leaves DAD keepalived cannot send, so our backup may be master briefly:
        // wait until it has settled back to BACKUP, then require it to stay there.
        assertTrue(NetLab.await(20_000, () -> holds6("lb1") && !holds6("lb2") && settledBackup("lb2")),
                log("lb1") + "\n---\n" + log("lb2"));
        int since = log("lb2").length();
        assertFalse(NetLab.await(1_500, () -> log("lb2").substring(since).contains("Entering MASTER STATE")),
                "our backup accepts keepalived's IPv6 adverts:\n" + log("lb2"));
        NetLab.signal(k, "TERM");
        assertTrue(NetLab.await(10_000, () -> holds6("lb2") && !holds6("lb1")), log("lb2"));
        assertTrue(NetLab.await(10_000, () -> !k.isAlive()), "keepalived on lb1 exited (its pid files are gone)");
        Files.delete(dir.resolve("lb1.log"));
        keepalived("lb1", config6("BACKUP", 50));
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_6) Entering BACKUP STATE")), log("lb1"));
        assertFalse(NetLab.await(2_000, () -> log("lb1").contains("Entering MASTER STATE")),
                "keepalived accepts our IPv6 adverts:\n" + log("lb1"));
        assertTrue(holds6("lb2") && o.isAlive());
    }
}
