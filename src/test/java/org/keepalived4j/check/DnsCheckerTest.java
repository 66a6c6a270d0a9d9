package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.util.List;

import org.junit.jupiter.api.Test;

/** DNS_CHECK's verdicts, retries and lines (dns_final() of check_dns.c) on a fake clock. */
class DnsCheckerTest extends SchedulerFixture {
    void start(String body) {
        startChecker("DNS_CHECK", "0", body);
    }

    @Test
    void defaultsRetryThreeAtDelayLoopAndNoSuccessLine() {
        start("   name example.com\n   type mx\n");
        CheckerSettings s = scheduler.checkers().get(0).settings();
        assertEquals(3, s.retry());
        assertEquals(10 * S, s.delayBeforeRetryMicros(), "delay_before_retry defaults to delay_loop");
        loop.advance(S + S / 2);
        assertEquals(List.of(), log, "no line for a success");
        assertEquals("dns", io.requests.get(0).kind());
        assertEquals("000001000001000000000000076578616d706c6503636f6d00000f0001", io.requests.get(0).request());
        io.dns = c -> new DnsOutcome.ReadTimeout();
        loop.advance(30 * S);
        assertEquals(List.of(), log, "three failures are retries");
        loop.advance(10 * S);
        assertEquals(List.of("DNS_CHECK (" + RS + ") read timeout from socket after 3 retries"), log);
        assertEquals(List.of("41s " + RS + " DOWN 1"), events);
        io.dns = c -> new DnsOutcome.Success();
        loop.advance(10 * S);
        assertEquals(List.of("41s " + RS + " DOWN 1", "51s " + RS + " UP 1"), events);
        assertEquals(1, log.size());
    }

    @Test
    void firstFailureAtStartIsEnough() {
        io.dns = c -> new DnsOutcome.Rcode(2);
        start("");
        loop.advance(S + S / 2);
        assertEquals(List.of("DNS_CHECK (" + RS + ") read error occurred. (rcode = 2)"), log);
        assertEquals(List.of("1s " + RS + " DOWN 1"), events);
    }

    @Test
    void logAllFailuresAndTheOtherReasons() {
        start("   retry 1\n   delay_before_retry 1\n   log_all_failures\n");
        loop.advance(S + S / 2);
        io.dns = c -> new DnsOutcome.ReadError(111, "Connection refused");
        loop.advance(10 * S);
        io.dns = c -> new DnsOutcome.NetworkUnreachable();
        loop.advance(S);
        assertEquals(List.of("DNS_CHECK (" + RS + ") failed to read socket; errno 111 (Connection refused)",
                "DNS_CHECK (" + RS + ") network unreachable for [198.51.100.2]:80 after 1 retries"), log);
        io.dns = c -> new DnsOutcome.BindError();
        loop.advance(10 * S);
        assertEquals("DNS_CHECK (" + RS + ") UDP socket bind failed. Rescheduling.", log.get(2));
        assertEquals("DNS_CHECK (" + RS + ") failed to write socket.",
                CheckMessages.dns(RS, CheckMessages.dnsReason(new DnsOutcome.WriteFailed(), "")));
    }
}
