package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** SMTP_CHECK's verdicts, retries and lines (smtp_final() of check_smtp.c) on a fake clock. */
class SmtpCheckerTest extends SchedulerFixture {
    void start(String body) {
        startChecker("SMTP_CHECK", "0.000001", body);
    }

    @Test
    void greetingsAndFailuresWithKeepalivedsLines() {
        start("   helo_name mx.example\n");
        loop.advance(S + S / 2);
        assertEquals(List.of("Remote SMTP server " + RS + " succeed on service."), log);
        assertEquals("smtp mx.example", io.requests.get(0).kind());
        io.smtp = c -> SmtpOutcome.CONNECT_TIMEOUT;
        loop.advance(10 * S);                       // delay_loop 10: fails, retry 1 after 1 s
        assertEquals(1, log.size(), "the first of retry + 1 failures is not logged");
        loop.advance(S);
        assertEquals(List.of("Remote SMTP server " + RS + " succeed on service.",
                "SMTP_CHECK Connection timeout to server [198.51.100.2]:80"), log);
        assertEquals(List.of("12s " + RS + " DOWN 1"), events);
        loop.advance(10 * S);
        assertEquals(2, log.size(), "down: failures are not logged again");
        io.smtp = c -> SmtpOutcome.SUCCESS;
        loop.advance(10 * S);
        assertEquals("Remote SMTP server " + RS + " succeed on service.", log.get(2));
        assertEquals(RS + " UP 1", events.get(1).substring(events.get(1).indexOf(' ') + 1));
    }

    @Test
    void everyRoundStartsWithAFreshRetryCountEvenTheFirst() {
        io.smtp = c -> SmtpOutcome.BAD_BANNER;
        start("   retry 2\n   delay_before_retry 2\n");
        loop.advance(S + 1000);
        loop.advance(4 * S);
        assertEquals(List.of(), events, "three failures are needed, also the first time");
        loop.advance(S);
        assertEquals(List.of("5s " + RS + " DOWN 1"), events);
        assertEquals(List.of("SMTP_CHECK Bad greeting banner from server [198.51.100.2]:80"), log);
    }

    @Test
    void logAllFailuresLogsEachAttempt() {
        start("   log_all_failures\n");
        loop.advance(S + S / 2);
        io.smtp = c -> SmtpOutcome.BAD_HELO;
        loop.advance(11 * S);
        assertEquals(List.of("Remote SMTP server " + RS + " succeed on service.",
                "SMTP_CHECK Bad HELO response from server [198.51.100.2]:80",
                "SMTP_CHECK Bad HELO response from server [198.51.100.2]:80"), log);
    }

    @Test
    void everyOutcomeHasKeepalivedsText() {
        String p = "[198.51.100.2]:25";
        assertEquals("SMTP_CHECK Network unreachable for server 198.51.100.2 - real server [198.51.100.2]:80",
                CheckMessages.smtpFailure(SmtpOutcome.NETWORK_UNREACHABLE, p, "198.51.100.2", "[198.51.100.2]:80"));
        assertEquals("SMTP_CHECK Could not connect to server " + p, CheckMessages.smtpFailure(SmtpOutcome.CONNECT_FAILED, p, "", ""));
        assertEquals("SMTP_CHECK Read timeout from server " + p, CheckMessages.smtpFailure(SmtpOutcome.READ_TIMEOUT, p, "", ""));
        assertEquals("SMTP_CHECK Read failure from server " + p, CheckMessages.smtpFailure(SmtpOutcome.READ_FAILURE, p, "", ""));
        assertEquals("SMTP_CHECK Write timeout to server " + p, CheckMessages.smtpFailure(SmtpOutcome.WRITE_TIMEOUT, p, "", ""));
        assertEquals("SMTP_CHECK Write failure to server " + p, CheckMessages.smtpFailure(SmtpOutcome.WRITE_FAILURE, p, "", ""));
    }

    @Test
    void bindErrorReschedulesWithoutVerdict() {
        io.smtp = c -> SmtpOutcome.BIND_ERROR;
        start("");
        loop.advance(S + 1000);
        assertEquals(List.of("SMTP_CHECK socket bind failed. Rescheduling."), log);
        assertEquals(List.of(), events);
        assertEquals(1, io.requests.size());
        loop.advance(10 * S);
        assertEquals(2, io.requests.size(), "next at delay_loop");
    }

    @Test
    void hostBlocksAreCheckersOfTheirOwn() {
        start("   host {\n    connect_ip 198.51.100.3\n    connect_port 2525\n   }\n   host {\n    connect_port 26\n"
                + "    connect_timeout 2\n   }\n");
        List<CheckerStatus> cs = scheduler.checkers();
        assertEquals(2, cs.size(), "no connection option in the block: the first host replaces it");
        loop.advance(S + 1000);
        List<String> dst = io.requests.stream().map(r -> r.connect().destination().toString()).sorted().toList();
        assertEquals(List.of("/198.51.100.2:26", "/198.51.100.3:2525"), dst);
        assertEquals(5 * S, io.requests.stream().filter(r -> r.connect().destination().getPort() == 2525)
                .findFirst().get().connect().connectTimeoutMicros(), "inherited timeout");
        scheduler.stop();
        log.clear();
        CheckScheduler again = new CheckScheduler(io, loop, loop, new SplittableRandom(1), log::add, (rs, a, w) -> { });
        again.start(CheckFixture.config(dir, CheckFixture.oneRs("", "  SMTP_CHECK {\n   connect_port 25\n   host {\n"
                + "    connect_ip 198.51.100.3\n   }\n  }\n")));
        assertEquals(2, again.checkers().size(), "a connection option keeps the block's own checker");
        assertTrue(log.contains(CheckMessages.SMTP_HOST_DEPRECATED));
    }

    @Test
    void replyStatusAsSmtpGetStatus() {
        assertEquals(220, SmtpOutcome.status("220 mx ESMTP\r"));
        assertEquals(220, SmtpOutcome.status("220"));
        assertEquals(-1, SmtpOutcome.status("220\r"));
        assertEquals(-1, SmtpOutcome.status("220-more"));
        assertEquals(-1, SmtpOutcome.status("2200 x"));
        assertEquals(-1, SmtpOutcome.status(" 220 x"), "endptr - buff counts the blank: 4");
        assertEquals(-1, SmtpOutcome.status("abc"));
        assertEquals(-1, SmtpOutcome.status(""));
    }
}
