package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keepalived4j.check.io.IoTesting.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keepalived4j.check.ConnectSpec;
import org.keepalived4j.check.PingOutcome;
import org.keepalived4j.net.LinuxPingSocket;
import org.keepalived4j.testutil.TestNetns;

/**
 * PING_CHECK echoes on ping sockets inside a network namespace of the test's own (root): the
 * checker loop thread enters it, so its sockets and its ping_group_range are that namespace's.
 */
class NettyPingCheckTest {
    static PingOutcome ping(NettyCheckIo io, String address, long timeoutMicros) throws Exception {
        ConnectSpec c = new ConnectSpec(new InetSocketAddress(InetAddress.getByName(address), 0), Optional.empty(),
                Optional.empty(), 0, timeoutMicros);
        return await(io, d -> io.ping(c, d));
    }

    @Test
    void echoRepliesTimeoutsAndThePingGroupRange() throws Exception {
        assumeTrue(TestNetns.available(), "needs root and ip(8)");
        try (TestNetns ns = new TestNetns("ping")) {
            assertEquals("1\t0", ns.exec("cat", "/proc/sys/net/ipv4/ping_group_range").strip(), "a new namespace's range");
            NettyCheckIo io = NettyCheckIo.create();
            try {
                io.loop().submit(() -> {
                    LinuxPingSocket.enterNetworkNamespace(ns.path());
                    return null;
                }).get();
                assertEquals(new PingOutcome.Reply(), ping(io, "127.0.0.1", 2_000_000));
                assertEquals("0\t0", ns.exec("cat", "/proc/sys/net/ipv4/ping_group_range").strip(),
                        "lowered to 0 as keepalived does");
                assertEquals(new PingOutcome.Reply(), ping(io, "::1", 2_000_000));
                assertEquals(new PingOutcome.Reply(), ping(io, "198.51.100.1", 2_000_000));
                assertEquals(new PingOutcome.Timeout(), ping(io, "198.51.100.77", 300_000), "nobody answers on d0");
                assertEquals(new PingOutcome.Timeout(), ping(io, "2001:db8::77", 300_000));
                assertEquals(new PingOutcome.NotSent("send ICMP packet fail"), ping(io, "203.0.113.7", 2_000_000),
                        "no route: sendto() fails");
            } finally {
                io.close();
            }
            assertEquals("1\t0", ns.exec("cat", "/proc/sys/net/ipv4/ping_group_range").strip(), "restored at close");
        }
    }
}
