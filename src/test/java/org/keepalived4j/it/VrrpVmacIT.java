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
 * use_vmac on a real kernel (keepalived 2.2.7's vrrp_vmac.c behaviour): the MASTER's VIP lives
 * on a private macvlan {@code vrrp.51} with the VRRP MAC 00:00:5e:00:01:33, adverts and
 * gratuitous ARPs leave with that MAC (tcpdump -e in the client's namespace), a failover moves
 * the VIP with the same MAC so the client's neighbour entry stays right, SIGTERM deletes the
 * interface and puts the sysctls back. Interop with real keepalived using use_vmac, both roles.
 * Addresses from 198.51.100.0/24 only; every wait bounded.
 */
class VrrpVmacIT extends BalancerLan {
    static final String VMAC = "00:00:5e:00:01:33";

    Process keepalived(String host, String conf) throws IOException {
        Path c = dir.resolve(host + ".conf");
        Files.writeString(c, conf);
        return lab.spawn(host, dir.resolve(host + ".log"), "keepalived", "-n", "-l", "-D", "-G", "-f", c.toString(),
                "-p", dir.resolve(host + ".pid").toString(), "-r", dir.resolve(host + "-vrrp.pid").toString(),
                "-c", dir.resolve(host + "-chk.pid").toString());
    }

    /** The host has the VIP on its VMAC (and not on eth0). */
    boolean holdsOnVmac(String host) {
        try {
            return lab.in(host, "ip", "-o", "addr", "show", "dev", "vrrp.51").contains(" " + VIP + "/24")
                    && !lab.hasAddress(host, VIP);
        } catch (IOException e) {
            return false;
        }
    }

    boolean hasVmac(String host) {
        try {
            return lab.in(host, "ip", "-o", "link", "show").contains(" vrrp.51@eth0:");
        } catch (IOException e) {
            return false;
        }
    }

    String sysctl(String host, String name) throws IOException {
        return lab.in(host, "cat", "/proc/sys/net/ipv4/conf/" + name).strip();
    }

    void setSysctl(String host, String name, int value) throws IOException {
        lab.in(host, "sh", "-c", "echo " + value + " > /proc/sys/net/ipv4/conf/" + name);
    }

    private void assertMasterOnVmac(String host, String other, long millis) {
        assertTrue(NetLab.await(millis, () -> holdsOnVmac(host) && !holdsOnVmac(other)),
                host + " should hold the VIP on vrrp.51 alone\n--- lb1:\n" + log("lb1") + "\n--- lb2:\n" + log("lb2"));
    }

    /** tcpdump -e in the client: Ethernet addresses of VRRP adverts and ARP. */
    private Path capture() throws IOException {
        assumeTrue(NetLab.installed("tcpdump"), "tcpdump installed");
        Path out = dir.resolve("capture.txt");
        lab.spawn("client", out, "tcpdump", "-i", "eth0", "-nn", "-e", "-l", "ip proto 112 or arp");
        NetLab.await(2_000, () -> NetLab.read(out).contains("listening"));
        return out;
    }

    private String neighbour() throws IOException {
        return lab.in("client", "ip", "neigh", "show", VIP);
    }

    @Test
    void masterOwnsTheVirtualMacAndAFailoverKeepsTheClientsNeighbourEntry() throws IOException {
        Path cap = capture();
        // arp_accept: the client takes an entry from a gratuitous ARP alone (no request of its own needed)
        setSysctl("client", "eth0/arp_accept", 1);
        Process m = ours("lb1", config("  use_vmac\n", "MASTER", 150, "0.1", 3));
        Process b = ours("lb2", config("  use_vmac\n", "BACKUP", 100, "0.1", 3));
        assertMasterOnVmac("lb1", "lb2", 15_000);
        assertTrue(log("lb1").contains("(VI_1): Success creating VMAC interface vrrp.51"), log("lb1"));
        String link = lab.in("lb1", "ip", "-d", "link", "show", "vrrp.51");
        assertTrue(link.contains("link/ether " + VMAC) && link.contains("macvlan mode private")
                && link.contains("addrgenmode none"), link);
        assertTrue(hasVmac("lb2"), "the backup has its VMAC too (without the VIP)");
        assertEquals("1", sysctl("lb1", "vrrp.51/arp_ignore"));
        assertEquals("1", sysctl("lb1", "vrrp.51/accept_local"));
        assertEquals("0", sysctl("lb1", "vrrp.51/rp_filter"));
        assertEquals("1", sysctl("lb1", "eth0/arp_ignore"));
        assertEquals("1", sysctl("lb1", "eth0/arp_filter"));

        assertTrue(NetLab.await(10_000, () -> {
            try {
                return neighbour().contains("lladdr " + VMAC);
            } catch (IOException e) {
                return false;
            }
        }), "the gratuitous ARP taught the client the virtual MAC: " + neighbour() + " (lb1 eth0 " + lab.mac("lb1")
                + ", lb2 eth0 " + lab.mac("lb2") + ")\n" + NetLab.read(cap));
        assertTrue(NetLab.await(5_000, () -> NetLab.read(cap).contains(VMAC + " > 01:00:5e:00:00:12")),
                "adverts leave with the virtual MAC:\n" + NetLab.read(cap));
        String c = NetLab.read(cap);
        assertTrue(c.contains(VMAC + " > ff:ff:ff:ff:ff:ff, ethertype ARP"), "GARP from the virtual MAC:\n" + c);
        assertFalse(c.contains(lab.mac("lb1") + " > 01:00:5e:00:00:12"), "no advert from eth0's own MAC:\n" + c);

        NetLab.signal(m, "TERM");
        assertMasterOnVmac("lb2", "lb1", 10_000);
        assertTrue(NetLab.await(5_000, () -> !m.isAlive()));
        assertEquals(0, m.exitValue());
        assertFalse(hasVmac("lb1"), "SIGTERM removes the VMAC");
        assertTrue(log("lb1").contains("(VI_1) Success removing VMAC interface vrrp.51"), log("lb1"));
        assertEquals("0", sysctl("lb1", "eth0/arp_ignore"), "arp_ignore restored");
        assertEquals("0", sysctl("lb1", "eth0/arp_filter"), "arp_filter restored");
        assertTrue(neighbour().contains("lladdr " + VMAC), "same MAC after the failover: " + neighbour()
                + " (lb1 eth0 " + lab.mac("lb1") + ", lb2 eth0 " + lab.mac("lb2") + ")\n" + NetLab.read(cap));
        if (NetLab.installed("ping")) {
            // The unchanged entry reaches the new master (the bridge learnt the MAC's new port from its GARPs).
            // Its reply then leaves by eth0's route, and the ARP for the client that goes with it (sender
            // IP = VIP, eth0's MAC) updates the client's entry: kernel routing, which none of the sysctls
            // keepalived 2.2.7 sets for a VMAC changes (docs/facts.md).
            lab.in("client", "ping", "-c", "1", "-W", "2", VIP);
        }
        assertTrue(b.isAlive());
    }

    @Test
    void vmacXmitBaseSendsAdvertsFromTheBaseInterface() throws IOException {
        Path cap = capture();
        ours("lb1", config("  use_vmac\n  vmac_xmit_base\n", "MASTER", 150, "0.1", 3));
        assertTrue(NetLab.await(15_000, () -> holdsOnVmac("lb1")), log("lb1"));
        String base = lab.mac("lb1");
        assertTrue(NetLab.await(5_000, () -> NetLab.read(cap).contains(base + " > 01:00:5e:00:00:12")),
                "adverts from eth0's MAC:\n" + NetLab.read(cap));
        assertTrue(NetLab.await(5_000, () -> NetLab.read(cap).contains(VMAC + " > ff:ff:ff:ff:ff:ff, ethertype ARP")),
                "gratuitous ARP still from the virtual MAC:\n" + NetLab.read(cap));
        assertFalse(NetLab.read(cap).contains(VMAC + " > 01:00:5e:00:00:12"), NetLab.read(cap));
    }

    @Test
    void rpFilterIsClearedForTheVmacAndRestoredAtExit() throws IOException {
        setSysctl("lb1", "all/rp_filter", 2);
        setSysctl("lb1", "default/rp_filter", 1);
        setSysctl("lb1", "eth0/rp_filter", 0);
        Process m = ours("lb1", config("  use_vmac\n", "MASTER", 150, "0.1", 3));
        assertTrue(NetLab.await(15_000, () -> holdsOnVmac("lb1")), log("lb1"));
        assertEquals("0", sysctl("lb1", "all/rp_filter"));
        assertEquals("2", sysctl("lb1", "default/rp_filter"));
        assertEquals("2", sysctl("lb1", "eth0/rp_filter"), "eth0 keeps its effective rp_filter");
        assertTrue(log("lb1").contains("NOTICE: setting sysctl net.ipv4.conf.default.rp_filter from 1 to 2"), log("lb1"));
        assertTrue(log("lb1").contains("NOTICE: setting sysctl net.ipv4.conf.all.rp_filter from 2 to 0"), log("lb1"));
        NetLab.signal(m, "TERM");
        assertTrue(NetLab.await(10_000, () -> !m.isAlive()));
        assertEquals("2", sysctl("lb1", "all/rp_filter"));
        assertEquals("1", sysctl("lb1", "default/rp_filter"));
        assertEquals("0", sysctl("lb1", "eth0/rp_filter"));
        assertTrue(log("lb1").contains("NOTICE: resetting sysctl net.ipv4.conf.all.rp_filter to 2"), log("lb1"));
        assertTrue(log("lb1").contains("NOTICE: resetting sysctl net.ipv4.conf.default.rp_filter to 1"), log("lb1"));
    }

    @Test
    void theBaseInterfaceGoingDownFaultsTheInstance() throws IOException {
        ours("lb1", config("  use_vmac\n", "MASTER", 150, "0.1", 3));
        ours("lb2", config("  use_vmac\n", "BACKUP", 100, "0.1", 3));
        assertMasterOnVmac("lb1", "lb2", 15_000);
        lab.in("lb1", "ip", "link", "set", "eth0", "down");
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_1) Entering FAULT STATE")), log("lb1"));
        assertTrue(NetLab.await(10_000, () -> holdsOnVmac("lb2")), log("lb2"));
        lab.in("lb1", "ip", "link", "set", "eth0", "up");
        assertMasterOnVmac("lb1", "lb2", 15_000);
    }

    @Test
    void interopOursMasterKeepalivedBackup() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        Process m = ours("lb1", config("  use_vmac\n", "MASTER", 150, "1", 2));
        keepalived("lb2", config("  use_vmac\n", "BACKUP", 100, "1", 2));
        assertMasterOnVmac("lb1", "lb2", 15_000);
        assertTrue(NetLab.await(10_000, () -> log("lb2").contains("Entering BACKUP STATE")), log("lb2"));
        assertTrue(hasVmac("lb2"), "keepalived made its VMAC");
        assertNoSecondMaster(3_000);
        NetLab.signal(m, "TERM");
        assertMasterOnVmac("lb2", "lb1", 10_000);
        Files.delete(dir.resolve("lb1.log"));
        ours("lb1", config("  use_vmac\n", "MASTER", 150, "1", 2));
        assertMasterOnVmac("lb1", "lb2", 15_000);
        assertTrue(NetLab.await(5_000, () -> log("lb2").contains("(VI_1) Master received advert from 198.51.100.11"
                + " with higher priority 150, ours 100")), log("lb2"));
    }

    @Test
    void interopKeepalivedMasterOursBackup() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        Process k = keepalived("lb1", config("  use_vmac\n", "MASTER", 150, "1", 2));
        ours("lb2", config("  use_vmac\n", "BACKUP", 100, "1", 2));
        assertMasterOnVmac("lb1", "lb2", 15_000);
        assertTrue(NetLab.await(10_000, () -> log("lb2").contains("(VI_1) Entering BACKUP STATE")), log("lb2"));
        int since = log("lb2").length();
        assertNoSecondMaster(4_000);
        assertFalse(log("lb2").substring(since).contains("Entering MASTER STATE"),
                "our backup hears keepalived's adverts on its VMAC:\n" + log("lb2"));
        NetLab.signal(k, "TERM");
        assertMasterOnVmac("lb2", "lb1", 10_000);
        assertTrue(log("lb2").contains("(VI_1) Backup received priority 0 advertisement"), log("lb2"));
        assertTrue(NetLab.await(5_000, () -> !hasVmac("lb1")), "keepalived removed its VMAC");
        Files.delete(dir.resolve("lb1.log"));
        keepalived("lb1", config("  use_vmac\n", "MASTER", 150, "1", 2));
        assertMasterOnVmac("lb1", "lb2", 15_000);
        assertTrue(NetLab.await(5_000, () -> log("lb2").contains("with higher priority 150, ours 100")), log("lb2"));
    }

    @Test
    void reloadKeepsTheVmacAndDeletesItWhenUseVmacGoes() throws IOException {
        Process m = ours("lb1", config("  use_vmac\n", "MASTER", 150, "0.1", 3));
        assertTrue(NetLab.await(15_000, () -> holdsOnVmac("lb1")), log("lb1"));
        String before = lab.in("lb1", "ip", "-o", "link", "show", "vrrp.51").split(":")[0];
        int transitions = log("lb1").split("Entering ", -1).length;
        NetLab.signal(m, "HUP");
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_1) Found matching interface vrrp.51")), log("lb1"));
        assertTrue(NetLab.await(5_000, () -> log("lb1").contains("Reload complete") || log("lb1").contains("Reloading")),
                log("lb1"));
        assertTrue(holdsOnVmac("lb1"), "still MASTER on the same VMAC");
        assertEquals(before, lab.in("lb1", "ip", "-o", "link", "show", "vrrp.51").split(":")[0], "not re-created");
        assertEquals(transitions, log("lb1").split("Entering ", -1).length, "no transition on reload:\n" + log("lb1"));

        Files.writeString(dir.resolve("lb1.conf"), config("", "MASTER", 150, "0.1", 3));
        NetLab.signal(m, "HUP");
        assertTrue(NetLab.await(10_000, () -> !hasVmac("lb1")), "use_vmac gone: the VMAC is deleted\n" + log("lb1"));
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb1", VIP)), "the VIP on eth0 now\n" + log("lb1"));
        assertTrue(log("lb1").contains("(VI_1) Success removing VMAC interface vrrp.51"), log("lb1"));
        assertEquals("0", sysctl("lb1", "eth0/arp_ignore"), "base restored with its last VMAC");
    }

    @Test
    void aVmacDeletedBySomeoneElseIsMadeAgain() throws IOException {
        ours("lb1", config("  use_vmac\n", "MASTER", 150, "0.1", 3));
        ours("lb2", config("  use_vmac\n", "BACKUP", 100, "0.1", 3));
        assertMasterOnVmac("lb1", "lb2", 15_000);
        String before = lab.in("lb1", "ip", "-o", "link", "show", "vrrp.51").split(":")[0];
        lab.in("lb1", "ip", "link", "del", "vrrp.51");
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("Interface vrrp.51 deleted")), log("lb1"));
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_1) Entering FAULT STATE")), log("lb1"));
        assertMasterOnVmac("lb1", "lb2", 15_000);   // made again, back up, and it preempts the backup
        String after = lab.in("lb1", "ip", "-d", "link", "show", "vrrp.51");
        assertFalse(after.startsWith(before + ":"), "a new interface: " + after);
        assertTrue(after.contains("link/ether " + VMAC) && after.contains("macvlan mode private"), after);
    }

    static final String VIP6 = "2001:db8::100";

    static String config6(String state, int priority) {
        return "vrrp_instance VI_6 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 61\n  priority "
                + priority + "\n  advert_int 0.1\n  use_vmac\n  virtual_ipaddress {\n    fe80::61/64\n    " + VIP6
                + "/64\n  }\n}\n";
    }

    boolean holds6(String host) {
        try {
            return lab.in(host, "ip", "-o", "-6", "addr", "show", "dev", "vrrp.61").contains(" " + VIP6 + "/64");
        } catch (IOException e) {
            return false;
        }
    }

    private void assertMaster6(String host, String other, long millis) {
        assertTrue(NetLab.await(millis, () -> holds6(host) && !holds6(other)),
                host + " should hold " + VIP6 + " on vrrp.61 alone\n--- lb1:\n" + log("lb1") + "\n--- lb2:\n" + log("lb2"));
    }

    @Test
    void ipv6VmacInteropBothRoles() throws IOException {
        assumeTrue(NetLab.installed("keepalived"), "keepalived installed");
        Path cap = dir.resolve("capture6.txt");
        assumeTrue(NetLab.installed("tcpdump"), "tcpdump installed");
        lab.spawn("client", cap, "tcpdump", "-i", "eth0", "-nn", "-e", "-l", "ip6 proto 112");
        NetLab.await(2_000, () -> NetLab.read(cap).contains("listening"));
        Process m = ours("lb1", config6("MASTER", 150));
        Process k = keepalived("lb2", config6("BACKUP", 100));
        assertMaster6("lb1", "lb2", 20_000);
        String a = lab.in("lb1", "ip", "-d", "addr", "show", "dev", "vrrp.61");
        assertTrue(a.contains("link/ether 00:00:5e:00:02:3d") && a.contains("macvlan mode private"), a);
        String ll = lab.in("lb1", "ip", "-o", "-6", "addr", "show", "dev", "eth0", "scope", "link").split("\\s+")[3];
        assertTrue(a.contains("inet6 " + ll + " scope link nodad deprecated"),
                "the base's link-local address, deprecated, is the VMAC's source: " + ll + "\n" + a);
        assertTrue(NetLab.await(5_000, () -> NetLab.read(cap).contains("00:00:5e:00:02:3d > 33:33:00:00:00:12")),
                "IPv6 adverts from the virtual MAC:\n" + NetLab.read(cap));
        assertTrue(NetLab.await(10_000, () -> log("lb2").contains("(VI_6) Entering BACKUP STATE")), log("lb2"));
        NetLab.signal(m, "TERM");
        assertMaster6("lb2", "lb1", 10_000);
        assertTrue(NetLab.await(5_000, () -> !m.isAlive()));
        assertFalse(lab.in("lb1", "ip", "-o", "link", "show").contains("vrrp.61"), "SIGTERM removed vrrp.61");
        // ours again, now the lower priority: a BACKUP that hears keepalived's adverts on its VMAC
        Files.delete(dir.resolve("lb1.log"));
        ours("lb1", config6("BACKUP", 50));
        assertTrue(NetLab.await(15_000, () -> log("lb1").contains("(VI_6) Entering BACKUP STATE")), log("lb1"));
        int since = log("lb1").length();
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            assertFalse(holds6("lb1") && holds6("lb2"), "two masters\n" + log("lb1") + "\n" + log("lb2"));
        }
        assertFalse(log("lb1").substring(since).contains("Entering MASTER STATE"), log("lb1"));
        NetLab.signal(k, "TERM");
        assertMaster6("lb1", "lb2", 10_000);
        assertTrue(log("lb1").contains("(VI_6) Backup received priority 0 advertisement"), log("lb1"));
    }

    private void assertNoSecondMaster(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        int samples = 0;
        while (System.nanoTime() < end) {
            assertFalse(holdsOnVmac("lb1") && holdsOnVmac("lb2"),
                    "two masters\n--- lb1:\n" + log("lb1") + "\n--- lb2:\n" + log("lb2"));
            samples++;
        }
        assertTrue(samples > 5, "sampled " + samples + " times");
    }
}
