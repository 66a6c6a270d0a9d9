package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.check.CheckFixture.S;

import java.net.InetAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate_check_config()'s cascade and the checker types' defaults; inet_ntop() text. */
class CheckerSettingsTest {
    @TempDir
    Path dir;

    CheckerSettings settings(String vsExtra, String rsExtra, String checker) {
        CheckFixture f = CheckFixture.started(dir, CheckFixture.oneRs(vsExtra, rsExtra + checker));
        return f.set.all.get(0).settings();
    }

    @Test
    void tcpDefaults() {
        CheckerSettings s = settings("", "", "  TCP_CHECK {\n  }\n");
        assertEquals(new CheckerSettings(10 * S, 5 * S, 1, S, 10 * S, false, false), s,
                "delay_loop from the virtual server, warmup = delay_loop, retry 1, delay_before_retry 1 s");
    }

    @Test
    void httpAndMiscDefaults() {
        assertEquals(3 * S, settings("", "", "  HTTP_GET {\n   url {\n    path /\n   }\n  }\n").delayBeforeRetryMicros());
        CheckerSettings m = settings("", "", "  MISC_CHECK {\n   misc_path /usr/local/bin/chk\n  }\n");
        assertEquals(0, m.retry());
        assertEquals(S, m.delayBeforeRetryMicros());
    }

    @Test
    void checkerOverRealServerOverVirtualServer() {
        CheckerSettings s = settings("  retry 4\n  connect_timeout 2\n  delay_before_retry 6\n  warmup 7\n",
                "  retry 3\n  delay_loop 20\n  connect_timeout 1\n", "  TCP_CHECK {\n   retry 2\n   alpha\n  }\n");
        assertEquals(new CheckerSettings(20 * S, S, 2, 6 * S, 7 * S, true, false), s);
    }

    @Test
    void warmupDefaultsToTheCheckersOwnDelayLoop() {
        assertEquals(4 * S, settings("", "", "  TCP_CHECK {\n   delay_loop 4\n  }\n").warmupMicros());
    }

    @Test
    void alphaOnTheRealServer() {
        assertEquals(true, settings("", "  alpha\n", "  TCP_CHECK {\n  }\n").alpha());
        assertEquals(false, settings("", "  alpha\n", "  TCP_CHECK {\n   alpha no\n  }\n").alpha());
    }

    @Test
    void addressesAsInetNtopWritesThem() throws Exception {
        assertEquals("2001:db8::1", AddressText.ntop(InetAddress.getByName("2001:db8:0:0:0:0:0:1")));
        assertEquals("2001:db8:0:1::1", AddressText.ntop(InetAddress.getByName("2001:db8:0:1:0:0:0:1")));
        assertEquals("2001:db8:1:0:1::", AddressText.ntop(InetAddress.getByName("2001:db8:1:0:1:0:0:0")));
        assertEquals("2001:0:1:0:1:0:1:0", AddressText.ntop(InetAddress.getByName("2001:0:1:0:1:0:1:0")),
                "a single zero group is not compressed");
        assertEquals("::", AddressText.ntop(InetAddress.getByName("::")));
        assertEquals("::1", AddressText.ntop(InetAddress.getByName("::1")));
        assertEquals("::198.51.100.1", AddressText.ntop(InetAddress.getByName("::c633:6401")));
        assertEquals("[2001:db8::5]:udp:53", AddressText.trio(InetAddress.getByName("2001:db8::5"), "UDP", 53));
    }
}
