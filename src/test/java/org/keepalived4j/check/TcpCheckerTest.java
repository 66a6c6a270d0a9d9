package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;
import static org.keepalived4j.check.TcpOutcome.FAILED;
import static org.keepalived4j.check.TcpOutcome.SUCCESS;
import static org.keepalived4j.check.TcpOutcome.TIMEOUT;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tcp_epilog() (check_tcp.c): retries, alpha, the first-check rule and keepalived's log lines. */
class TcpCheckerTest {
    @TempDir
    Path dir;

    CheckFixture fixture(String checkerBody) {
        return CheckFixture.started(dir, CheckFixture.oneRs("", "  TCP_CHECK {\n" + checkerBody + "  }\n"));
    }

    @Test
    void theFirstSuccessIsLoggedEvenWhenAlreadyUpAndChangesNothing() {
        CheckFixture f = fixture("   connect_timeout 3\n");
        TcpChecker c = f.checker(0);
        assertTrue(f.rs(0, 0).alive());
        assertEquals(10 * S, c.complete(SUCCESS), "next check after delay_loop");
        assertEquals(List.of("TCP connection to [198.51.100.2]:tcp:80 success."), f.log);
        assertEquals(10 * S, c.complete(SUCCESS));
        assertEquals(1, f.log.size(), "later successes while up are silent");
        assertEquals(List.of(), f.events, "it was up already");
    }

    @Test
    void oneFailureIsEnoughTheFirstTime() {
        CheckFixture f = fixture("   retry 3\n   delay_before_retry 2\n");
        TcpChecker c = f.checker(0);
        assertEquals(10 * S, c.complete(FAILED));
        assertEquals(List.of("TCP_CHECK on service [198.51.100.2]:tcp:80 failed."), f.log);
        assertEquals(List.of(RS + " DOWN 1"), f.events);
        assertFalse(f.rs(0, 0).alive());
    }

    @Test
    void whileUpRetriesAreSpacedByDelayBeforeRetryThenItGoesDown() {
        CheckFixture f = fixture("   retry 3\n   delay_before_retry 2\n");
        TcpChecker c = f.checker(0);
        c.complete(SUCCESS);
        f.log.clear();
        assertEquals(2 * S, c.complete(FAILED), "retry 1");
        assertEquals(2 * S, c.complete(TIMEOUT), "retry 2");
        assertEquals(2 * S, c.complete(FAILED), "retry 3");
        assertEquals(List.of(), f.log, "no line before the retries are used up");
        assertEquals(10 * S, c.complete(FAILED));
        assertEquals(List.of("TCP_CHECK on service [198.51.100.2]:tcp:80 failed after 3 retries."), f.log);
        assertEquals(List.of(RS + " DOWN 1"), f.events);
        // keepalived counts retries while down too: the same spacing, and no line
        assertEquals(List.of(2 * S, 2 * S, 2 * S, 10 * S),
                List.of(c.complete(FAILED), c.complete(FAILED), c.complete(FAILED), c.complete(FAILED)));
        assertEquals(1, f.log.size());
        assertEquals(10 * S, c.complete(SUCCESS), "one success brings it up at once");
        assertEquals("TCP connection to [198.51.100.2]:tcp:80 success.", f.log.get(1));
        assertEquals(List.of(RS + " DOWN 1", RS + " UP 1"), f.events);
    }

    @Test
    void aSuccessDuringRetriesResetsThem() {
        CheckFixture f = fixture("   retry 2\n");
        TcpChecker c = f.checker(0);
        c.complete(SUCCESS);
        assertEquals(S, c.complete(FAILED), "delay_before_retry defaults to 1 s");
        assertEquals(10 * S, c.complete(SUCCESS));
        assertEquals(S, c.complete(FAILED));
        assertEquals(S, c.complete(FAILED));
        assertEquals(10 * S, c.complete(FAILED));
        assertEquals(List.of(RS + " DOWN 1"), f.events);
    }

    @Test
    void retryZeroSaysFailedWithoutACount() {
        CheckFixture f = fixture("   retry 0\n");
        TcpChecker c = f.checker(0);
        c.complete(SUCCESS);
        c.complete(TIMEOUT);
        assertEquals("TCP_CHECK on service [198.51.100.2]:tcp:80 failed.", f.log.get(1));
    }

    @Test
    void defaultRetryIsOne() {
        CheckFixture f = fixture("");
        TcpChecker c = f.checker(0);
        c.complete(SUCCESS);
        assertEquals(S, c.complete(FAILED));
        c.complete(FAILED);
        assertEquals("TCP_CHECK on service [198.51.100.2]:tcp:80 failed after 1 retries.", f.log.get(1));
    }

    @Test
    void alphaStartsDownAndNeedsOneSuccess() {
        CheckFixture f = fixture("   alpha\n");
        TcpChecker c = f.checker(0);
        assertFalse(f.rs(0, 0).alive());
        assertFalse(c.isUp());
        c.complete(SUCCESS);
        assertEquals(List.of("TCP connection to [198.51.100.2]:tcp:80 success."), f.log);
        assertEquals(List.of(RS + " UP 1"), f.events);
    }

    @Test
    void alphaFailingFirstLogsTheFailureWithoutAnEvent() {
        CheckFixture f = fixture("   alpha\n   retry 2\n");
        TcpChecker c = f.checker(0);
        c.complete(FAILED);
        assertEquals(List.of("TCP_CHECK on service [198.51.100.2]:tcp:80 failed."), f.log);
        assertEquals(List.of(), f.events, "it was down already");
        c.complete(FAILED);
        assertEquals(1, f.log.size());
    }

    @Test
    void logAllFailuresLogsEachAttemptWhileUp() {
        CheckFixture f = fixture("   retry 1\n   log_all_failures\n");
        TcpChecker c = f.checker(0);
        c.complete(SUCCESS);
        c.complete(TIMEOUT);
        c.complete(FAILED);
        c.complete(FAILED);
        assertEquals(List.of("TCP connection to [198.51.100.2]:tcp:80 success.",
                "TCP connection to [198.51.100.2]:tcp:80 timeout.",
                "TCP connection to [198.51.100.2]:tcp:80 failed.",
                "TCP_CHECK on service [198.51.100.2]:tcp:80 failed after 1 retries."), f.log,
                "the attempt that fails while down is not logged");
    }

    @Test
    void aCheckThatCannotRunIsRescheduledWithoutAVerdict() {
        CheckFixture f = fixture("");
        TcpChecker c = f.checker(0);
        assertEquals(10 * S, c.complete(TcpOutcome.ERROR));
        assertEquals(List.of("TCP socket bind failed. Rescheduling."), f.log);
        assertEquals(List.of(), f.events);
        assertFalse(c.hasRun());
    }

    @Test
    void connectOptionsComeFromTheCheckerBlock() {
        CheckFixture f = fixture("   connect_ip 198.51.100.7\n   connect_port 8080\n   bindto 198.51.100.9\n"
                + "   bind_port 4000\n   connect_timeout 0.25\n   fwmark 7\n");
        ConnectSpec s = f.<TcpChecker>checker(0).connect();
        assertEquals(new InetSocketAddress("198.51.100.7", 8080), s.destination());
        assertEquals(new InetSocketAddress("198.51.100.9", 4000), s.bindTo().get());
        assertEquals(250_000, s.connectTimeoutMicros());
        assertEquals(7, s.fwmark());
        ConnectSpec d = fixture("").<TcpChecker>checker(0).connect();
        assertEquals(new InetSocketAddress("198.51.100.2", 80), d.destination(), "the real server by default");
        assertEquals(5 * S, d.connectTimeoutMicros());
    }
}
