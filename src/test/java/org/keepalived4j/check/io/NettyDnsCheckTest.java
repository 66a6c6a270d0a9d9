package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.io.IoTesting.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keepalived4j.check.ConnectSpec;
import org.keepalived4j.check.DnsOutcome;
import org.keepalived4j.check.DnsQuery;
import org.keepalived4j.testutil.DnsResponder;

/** DNS_CHECK queries against a UDP responder on 127.0.0.1 and ::1. */
class NettyDnsCheckTest {
    static NettyCheckIo io;
    static final byte[] QUERY = DnsQuery.encode(0, "example.com", 1);

    @BeforeAll
    static void start() {
        io = NettyCheckIo.create();
    }

    @AfterAll
    static void stop() {
        io.close();
    }

    static DnsOutcome query(InetAddress a, int port, long timeoutMicros) throws Exception {
        ConnectSpec c = new ConnectSpec(new InetSocketAddress(a, port), Optional.empty(), Optional.empty(), 0, timeoutMicros);
        return await(io, d -> io.dns(c, QUERY, d));
    }

    @Test
    void answeredWithRcodeZeroPasses() throws Exception {
        for (String addr : List.of("127.0.0.1", "::1")) {
            InetAddress a = InetAddress.getByName(addr);
            try (DnsResponder r = new DnsResponder(a, 0, q -> DnsResponder.dnsReply(q, 0))) {
                assertEquals(new DnsOutcome.Success(), query(a, r.port(), 2_000_000), addr);
                byte[] sent = r.received.get(0);
                assertEquals(QUERY.length, sent.length);
                assertEquals(java.util.HexFormat.of().formatHex(QUERY, 2, QUERY.length),
                        java.util.HexFormat.of().formatHex(sent, 2, sent.length), "the query as encoded, with an id");
            }
        }
    }

    @Test
    void nonZeroRcodeFails() throws Exception {
        InetAddress a = InetAddress.getLoopbackAddress();
        try (DnsResponder r = new DnsResponder(a, 0, q -> DnsResponder.dnsReply(q, 3))) {
            assertEquals(new DnsOutcome.Rcode(3), query(a, r.port(), 2_000_000));
        }
    }

    @Test
    void otherIdsQueriesAndRuntsAreIgnoredUntilTheTimeout() throws Exception {
        InetAddress a = InetAddress.getLoopbackAddress();
        int[] n = {0};
        try (DnsResponder r = new DnsResponder(a, 0, q -> {
            byte[] x = DnsResponder.dnsReply(q, 0);
            switch (n[0]++ % 3) {
                case 0 -> x[0] ^= 0x55;                 // another id
                case 1 -> x[2] &= 0x7f;                 // QR = 0
                default -> x = new byte[] {q[0], q[1], (byte) 0x80, 0, 0, 0, 0};   // 7 bytes
            }
            return x;
        })) {
            assertEquals(new DnsOutcome.ReadTimeout(), query(a, r.port(), 300_000));
        }
    }

    @Test
    void noServerIsConnectionRefused() throws Exception {
        InetAddress a = InetAddress.getLoopbackAddress();
        int port;
        try (DatagramSocket s = new DatagramSocket(0, a)) {
            port = s.getLocalPort();
        }
        DnsOutcome o = query(a, port, 2_000_000);
        assertEquals(new DnsOutcome.ReadError(111, "Connection refused"), o, "ICMP port unreachable on loopback");
    }

    @Test
    void encodesKeepalivedsQuery() {
        assertEquals("123401000001000000000000076578616d706c6503636f6d0000010001",
                java.util.HexFormat.of().formatHex(DnsQuery.encode(0x1234, "example.com", 1)));
        assertEquals(java.util.HexFormat.of().formatHex(DnsQuery.encode(1, "example.com", 1)),
                java.util.HexFormat.of().formatHex(DnsQuery.encode(1, "example.com.", 1)));
        assertEquals("000001000001000000000000" + "00" + "00060001",
                java.util.HexFormat.of().formatHex(DnsQuery.encode(0, "", 6)), "the root, SOA");
        assertEquals(java.util.HexFormat.of().formatHex(DnsQuery.encode(0, "", 6)),
                java.util.HexFormat.of().formatHex(DnsQuery.encode(0, ".", 6)));
        byte[] reply = java.util.HexFormat.of().parseHex("12348183000000000000");
        assertEquals(DnsQuery.Reply.ERROR, DnsQuery.classify(0x1234, reply, reply.length));
        assertEquals(3, DnsQuery.rcode(reply));
        assertEquals(DnsQuery.Reply.IGNORE, DnsQuery.classify(0x1235, reply, reply.length));
        assertTrue(DnsQuery.classify(0x1234, java.util.HexFormat.of().parseHex("1234818000000000"), 8)
                == DnsQuery.Reply.SUCCESS, "8 bytes are enough");
    }
}
