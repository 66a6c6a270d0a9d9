package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** PING_CHECK's rules and lines (icmp_epilog(), icmp_check_thread() of check_ping.c) on a fake clock. */
class PingCheckerTest extends SchedulerFixture {
    static final String VS = "[198.51.100.1]:tcp:80";
    void start(String body) {
        startChecker("PING_CHECK", "0", body);
    }

    @Test
    void repliesAndTimeoutsWithKeepalivedsLines() {
        start("   log_all_failures\n");
        loop.advance(S + S / 2);
        assertEquals(List.of("ICMP connection to " + RS + " success."), log);
        io.ping = c -> new PingOutcome.Timeout();
        loop.advance(11 * S);
        assertEquals(List.of("ICMP connection to " + RS + " success.", "ICMP connection to address " + RS + " timeout.",
                "ICMP connection to address " + RS + " timeout.",
                "ICMP CHECK on service " + RS + " of " + VS + " failed after 1 retries."), log);
        assertEquals(List.of("12s " + RS + " DOWN 1"), events);
        io.ping = c -> new PingOutcome.Reply();
        loop.advance(10 * S);
        assertEquals("ICMP connection to " + RS + " success.", log.get(4));
        assertEquals("22s " + RS + " UP 1", events.get(1));
    }

    @Test
    void otherPacketsAndSendFailures() {
        io.ping = c -> new PingOutcome.Failed("Got ICMP packet with type 0x3");
        start("   retry 0\n");
        loop.advance(S + S / 2);
        assertEquals(List.of("Got ICMP packet with type 0x3", "ICMP CHECK on service " + RS + " failed."), log);
        io.ping = c -> new PingOutcome.NoSocket(true);
        loop.advance(10 * S);
        assertEquals("ICMPv6 connect fail to create socket. Rescheduling.", log.get(2));
        assertEquals(1, events.size());
    }

    @Test
    void echoRequestAsKeepalivedSendsIt() {
        byte[] r = IcmpEcho.request(false, 0x0102);
        assertEquals(136, r.length);
        assertEquals("0800000000000201", HexFormat.of().formatHex(r, 0, 8), "sequence in host order, no htons()");
        assertEquals("keepalived check - keepalived check - ", new String(r, 8, 38, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(128, IcmpEcho.request(true, 0)[0] & 0xff);
        assertTrue(IcmpEcho.check(false, new byte[] {0, 0, 0, 0, 0, 0, 0, 0}, 8).isEmpty());
        assertEquals("Error, got short ICMPv6 packet, 4 bytes", IcmpEcho.check(true, new byte[4], 4).get());
        assertEquals("Got ICMPv6 packet with type 0x80", IcmpEcho.check(true, new byte[] {(byte) 128, 0, 0, 0, 0, 0, 0, 0}, 8).get());
        assertTrue(IcmpEcho.check(true, new byte[] {(byte) 129, 0, 0, 0, 0, 0, 0, 0}, 8).isEmpty());
    }
}
