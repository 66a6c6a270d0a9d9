package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.testutil.TestNetns;

/** Addresses through rtnetlink in a namespace of the test's own (root only). */
class LinuxVipManagerTest {
    private static VipAddress vip(String address) {
        return NetlinkMessagesTest.vip(address, 32, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /**
     * The interface index is looked up once per name; an interface deleted and made again under
     * the same name has a new index, which the manager finds when the kernel answers ENODEV.
     */
    @Test
    void addsAndRemovesOnAnInterfaceMadeAgainUnderItsName() throws Exception {
        assumeTrue(TestNetns.available(), "needs root and ip(8)");
        ExecutorService inNs = Executors.newSingleThreadExecutor();   // one thread, moved into the namespace
        try (TestNetns ns = new TestNetns("vips")) {
            LinuxVipManager vips = inNs.submit(() -> {
                LinuxPingSocket.enterNetworkNamespace(ns.path());
                return new LinuxVipManager();
            }).get(10, TimeUnit.SECONDS);
            try {
                inNs.submit(() -> {
                    vips.add("d0", vip("198.51.100.7"));
                    return null;
                }).get(10, TimeUnit.SECONDS);
                assertTrue(ns.exec("ip", "-o", "addr", "show", "dev", "d0").contains(" 198.51.100.7/32 "));
                ns.exec("ip", "link", "del", "d0");
                ns.exec("ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1");
                ns.exec("ip", "link", "set", "d0", "up");
                inNs.submit(() -> {
                    vips.add("d0", vip("198.51.100.8"));
                    vips.remove("d0", vip("198.51.100.8"));
                    vips.add("d0", vip("198.51.100.9"));
                    return null;
                }).get(10, TimeUnit.SECONDS);
                String now = ns.exec("ip", "-o", "addr", "show", "dev", "d0");
                assertTrue(now.contains(" 198.51.100.9/32 "), now);
                assertFalse(now.contains(" 198.51.100.8/32 "), now);
            } finally {
                vips.close();
            }
        } finally {
            inNs.shutdownNow();
        }
    }
}
