package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.CheckFixture.RS;
import static org.keepalived4j.check.CheckFixture.S;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** UDP_CHECK's rules (check_udp.c) on a fake clock. */
class UdpCheckerTest extends SchedulerFixture {
    void start(String body) {
        startChecker("UDP_CHECK", "0", body);
    }

    static UdpOutcome reply(String hex) {
        return new UdpOutcome.Reply(HexFormat.of().parseHex(hex));
    }

    @Test
    void silenceIsSuccessRefusalFailsWithKeepalivedsLines() {
        start("");
        loop.advance(S + S / 2);
        assertEquals(List.of("UDP connection to " + RS + " success."), log);
        assertEquals("keepalived check - keepalived ch", io.requests.get(0).request(), "set_buf()'s 32 octets");
        io.udp = c -> new UdpOutcome.Refused();
        loop.advance(10 * S);
        assertEquals(1, log.size(), "retry 1 at delay_before_retry 1 s");
        loop.advance(S);
        assertEquals("UDP_CHECK on service " + RS + " failed after 1 retries.", log.get(1));
        assertEquals(List.of("12s " + RS + " DOWN 1"), events);
        io.udp = c -> new UdpOutcome.Silence();
        loop.advance(10 * S);
        assertEquals("UDP connection to " + RS + " success.", log.get(2));
    }

    @Test
    void requireReplyWithoutPatternNeedsAnyReply() {
        io.udp = c -> new UdpOutcome.Silence();
        start("   require_reply\n   payload 01 02\n");
        loop.advance(S + S / 2);
        assertEquals(List.of("UDP_CHECK on service " + RS + " failed."), log, "at start one failure is enough");
        assertEquals("\u0001\u0002", io.requests.get(0).request());
        io.udp = c -> reply("ffffffffffffffffffff");
        loop.advance(10 * S);
        assertEquals("UDP connection to " + RS + " success.", log.get(1));
    }

    @Test
    void patternWithWildcardsAndLengths() {
        start("   require_reply 01 x2 ab\n   min_reply_length 2\n   max_reply_length 4\n   log_all_failures\n");
        io.udp = c -> reply("01f2ab00");
        loop.advance(S + S / 2);
        assertEquals(List.of("UDP connection to " + RS + " success."), log);
        assertEquals("udp 5", io.requests.get(0).kind(), "max_reply_length + 1 octets are read");
        io.udp = c -> reply("01f3");
        loop.advance(10 * S);
        assertEquals("UDP check to " + RS + " reply data mismatch.", log.get(1));
        io.udp = c -> reply("0102abcdef");
        loop.advance(S);
        assertEquals(List.of("UDP connection to " + RS + " success.", "UDP check to " + RS + " reply data mismatch.",
                "UDP check to " + RS + " reply data mismatch.", "UDP_CHECK on service " + RS + " failed after 1 retries."),
                log, "5 octets > max_reply_length 4");
    }

    @Test
    void shortReplyComparesOnlyWhatCame() {
        start("   require_reply 01 02 03\n");
        io.udp = c -> reply("01");
        loop.advance(S + S / 2);
        assertEquals(List.of("UDP connection to " + RS + " success."), log);
    }

    @Test
    void notSentFailsWithoutAttemptLine() {
        start("   retry 0\n   log_all_failures\n");
        loop.advance(S + S / 2);
        io.udp = c -> new UdpOutcome.NotSent();
        loop.advance(10 * S);
        assertEquals(List.of("UDP connection to " + RS + " success.", "UDP_CHECK on service " + RS + " failed."), log);
        assertFalse(scheduler.realServers().get(0).alive());
    }
}
