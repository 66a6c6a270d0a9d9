package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.check.io.IoTesting.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.check.ConnectSpec;
import org.keepalived4j.check.UdpOutcome;
import org.keepalived4j.testutil.DnsResponder;

/** UDP_CHECK exchanges with an echo / silent UDP server on 127.0.0.1 and ::1. */
class NettyUdpCheckTest {
    static NettyCheckIo io;

    @BeforeAll
    static void start() {
        io = NettyCheckIo.create();
    }

    @AfterAll
    static void stop() {
        io.close();
    }

    static UdpOutcome send(InetAddress a, int port, byte[] payload, int limit, long timeoutMicros) throws Exception {
        ConnectSpec c = new ConnectSpec(new InetSocketAddress(a, port), Optional.empty(), Optional.empty(), 0, timeoutMicros);
        return await(io, d -> io.udp(c, payload, limit, d));
    }

    @Test
    void echoIsAReplyCutToTheLimit() throws Exception {
        for (String addr : List.of("127.0.0.1", "::1")) {
            InetAddress a = InetAddress.getByName(addr);
            try (DnsResponder echo = new DnsResponder(a, 0, q -> q)) {
                byte[] p = "hello udp".getBytes(StandardCharsets.US_ASCII);
                UdpOutcome o = send(a, echo.port(), p, 5, 2_000_000);
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), ((UdpOutcome.Reply) o).data(), addr);
                assertArrayEquals(p, echo.received.get(0));
            }
        }
    }

    @Test
    void silenceAndRefusal() throws Exception {
        for (String addr : List.of("127.0.0.1", "::1")) {
            InetAddress a = InetAddress.getByName(addr);
            try (DnsResponder quiet = new DnsResponder(a, 0, q -> null)) {
                assertEquals(new UdpOutcome.Silence(), send(a, quiet.port(), new byte[] {1}, 256, 300_000), addr);
            }
            int port;
            try (DatagramSocket s = new DatagramSocket(0, a)) {
                port = s.getLocalPort();
            }
            assertEquals(new UdpOutcome.Refused(), send(a, port, new byte[] {1}, 256, 2_000_000),
                    addr + ": ICMP port unreachable");
        }
    }
}
