package org.keepalived4j.daemon.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** -S as keepalived 2.2.7's parse_cmdline() reads it. */
class SyslogFacilityTest {
    private static Optional<SyslogFacility> p(String s) {
        return SyslogFacility.parse(s);
    }

    @Test
    void numbersAndLocalNamesMeanLocal0To7() {
        assertEquals(Optional.of(SyslogFacility.LOCAL0), p("0"));
        assertEquals(Optional.of(SyslogFacility.LOCAL1), p("1"));
        assertEquals(Optional.of(SyslogFacility.LOCAL7), p("7"));
        assertEquals(Optional.of(SyslogFacility.LOCAL3), p("local3"));
        assertEquals(Optional.of(SyslogFacility.LOCAL7), p("007"));
        assertEquals(Optional.of(SyslogFacility.LOCAL5), p(" +5"));       // strtoul: white space and '+'
        assertEquals(Optional.of(SyslogFacility.LOCAL0), p("local"));     // strtoul("") = 0, accepted
        assertEquals(17, SyslogFacility.LOCAL1.code());
    }

    @Test
    void daemonAndUserByExactName() {
        assertEquals(Optional.of(SyslogFacility.DAEMON), p("daemon"));
        assertEquals(Optional.of(SyslogFacility.USER), p("user"));
        assertEquals(3, SyslogFacility.DAEMON.code());
        assertEquals(1, SyslogFacility.USER.code());
    }

    @Test
    void everythingElseIsRefusedWithKeepalivedsMessage() {
        for (String bad : new String[] {"8", "-1", "local8", "local-1", "3x", "LOCAL3", "Daemon", "kern", "+", "local 9"}) {
            assertEquals(Optional.empty(), p(bad), bad);
        }
        assertEquals("Invalid log facility 'kern'", SyslogFacility.invalidMessage("kern"));
    }
}
