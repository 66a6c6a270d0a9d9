package org.keepalived4j.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Bad input on the wire and interface failure, on a real kernel in namespaces. */
class VrrpWireIT extends BalancerLan {
    static String testClasses() {
        return Path.of(jar).getParent().resolve("test-classes").toString();
    }

    Process ours(String host, String state, int prio) throws IOException {
        Path c = dir.resolve(host + ".conf");
        Files.writeString(c, config("", state, prio, "1", 2));
        return lab.spawn(host, dir.resolve(host + ".log"), "java", "-jar", jar, "-n", "-l", "-D", "-f", c.toString(),
                "-p", dir.resolve(host + ".pid").toString(), "-r", dir.resolve(host + "-vrrp.pid").toString());
    }


    void inject(String... kinds) throws IOException {
        String[] cmd = new String[6 + kinds.length];
        cmd[0] = "java";
        cmd[1] = "-cp";
        cmd[2] = testClasses() + ":" + jar;
        cmd[3] = PacketInjector.class.getName();
        cmd[4] = "eth0";
        cmd[5] = "198.51.100.50";
        System.arraycopy(kinds, 0, cmd, 6, kinds.length);
        lab.in("client", cmd);
    }

    @Test
    void craftedPacketsAreDroppedAndLoggedAndTheMasterStays() throws IOException {
        ours("lb1", "MASTER", 150);
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP)), log("lb1"));
        inject("checksum", "ttl", "version", "auth", "truncated", "vrid", "interval",
                "checksum", "ttl", "version", "auth", "truncated", "vrid", "interval");
        assertTrue(NetLab.await(3_000, () -> log("lb1").contains("received an invalid passwd")), log("lb1"));
        String l = log("lb1");
        assertTrue(l.contains("(VI_1) invalid TTL/HL. Received 64 and expect 255"), l);
        assertTrue(l.contains("(VI_1) wrong version. Received 3 and expect 2"), l);
        assertTrue(l.contains("(VI_1) Invalid VRRPv2 checksum"), l);
        assertTrue(l.contains("(VI_1) advertisement interval mismatch mine=1 sec rcv'd=4 sec"), l);
        assertTrue(l.contains("(VI_1) vrrp packet dropped: length 12, expected 20"), l);
        assertFalse(l.contains("Entering BACKUP STATE\n"), "no bad advert moved the master:\n" + l);
        assertTrue(lab.hasAddress("lb1", VIP));
        // The injector itself works: a valid higher-priority advert does move the master.
        inject("good");
        assertTrue(NetLab.await(3_000, () -> log("lb1").contains("with higher priority 254, ours 150")), log("lb1"));
    }

    @Test
    void interfaceDownMeansFaultAndTheBackupTakesOver() throws IOException {
        ours("lb1", "MASTER", 150);
        ours("lb2", "BACKUP", 100);
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP) && !lab.hasAddress("lb2", VIP)), log("lb1"));
        lab.in("lb1", "ip", "link", "set", "eth0", "down");
        assertTrue(NetLab.await(10_000, () -> log("lb1").contains("(VI_1) Entering FAULT STATE")), log("lb1"));
        assertTrue(log("lb1").contains("Netlink reports eth0 down"), log("lb1"));
        assertTrue(NetLab.await(10_000, () -> lab.hasAddress("lb2", VIP)), log("lb2"));
        lab.in("lb1", "ip", "link", "set", "eth0", "up");
        assertTrue(NetLab.await(15_000, () -> lab.hasAddress("lb1", VIP) && !lab.hasAddress("lb2", VIP)),
                "back up, lb1 preempts again:\n" + log("lb1"));
    }
}
