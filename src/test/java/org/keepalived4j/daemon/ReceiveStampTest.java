package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keepalived4j.net.LinuxPingSocket;
import org.keepalived4j.net.LinuxVrrpSocket;
import org.keepalived4j.testutil.TestNetns;

/** A priority-0 advert's arrival is the kernel's receive time stamp, moved to the daemon's clock. */
class ReceiveStampTest {
    @Test
    void theStampMovesToTheTickerAndAnUnbelievableOneIsIgnored() {
        long sec = 1_000_000_000L;
        // the reader read its clock (ticker 5,000,300 us) 300 us after the kernel stamped the datagram
        assertEquals(5_000_000, VrrpSockets.arrival(5_000_300, 5_000_900, 100 * sec + 900_000, 100 * sec));
        assertEquals(5_000_300, VrrpSockets.arrival(5_000_300, 5_000_900, 100 * sec, 101 * sec), "stamp in the future");
        assertEquals(5_000_300, VrrpSockets.arrival(5_000_300, 5_000_900, 110 * sec, 100 * sec), "10 s old");
        assertEquals(5_000_300, VrrpSockets.arrival(5_000_300, 5_000_900, 100 * sec + 100_000, 100 * sec),
                "never later than the reader's clock");
    }

    @Test
    void aVrrpSocketGivesTheKernelsReceiveTimeOfItsLastDatagram() throws Exception {
        assumeTrue(TestNetns.available(), "needs root and ip(8)");
        ExecutorService inNs = Executors.newSingleThreadExecutor();
        try (TestNetns ns = new TestNetns("stamp")) {
            long[] got = inNs.submit(() -> {
                LinuxPingSocket.enterNetworkNamespace(ns.path());
                Inet4Address group = (Inet4Address) InetAddress.getByName("224.0.0.18");
                try (LinuxVrrpSocket rx = new LinuxVrrpSocket("d0", index(ns, "d0"), group, 2_000_000);
                     LinuxVrrpSocket tx = new LinuxVrrpSocket("d1", index(ns, "d1"), group, 2_000_000)) {
                    byte[] advert = {0x31, 51, 0, 1, 0, 5, 0, 0, (byte) 198, 51, 100, 100};
                    long before = wallNanos();
                    // from an address no interface here has: a local source would be dropped as martian
                    tx.send((Inet4Address) InetAddress.getByName("198.51.100.9"), group, advert, 255);
                    byte[] buf = new byte[2048];
                    int n = rx.receive(buf);
                    long after = wallNanos();
                    return new long[] {n, before, rx.receivedAtNanos(), after};
                }
            }).get(10, TimeUnit.SECONDS);
            assertEquals(20 + 12, got[0], "the datagram");
            assertTrue(got[1] <= got[2] && got[2] <= got[3], "stamp " + got[2] + " between " + got[1] + " and " + got[3]);
        } finally {
            inNs.shutdownNow();
        }
    }

    private static int index(TestNetns ns, String dev) throws Exception {
        String out = ns.exec("cat", "/sys/class/net/" + dev + "/ifindex");
        return Integer.parseInt(out.strip());
    }

    private static long wallNanos() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
