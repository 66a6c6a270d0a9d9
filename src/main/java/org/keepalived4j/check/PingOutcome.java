package org.keepalived4j.check;

/** How one PING_CHECK echo ended (icmp_check_thread(), recv_it(), ping_it() of check_ping.c). */
public sealed interface PingOutcome {
    /** An echo reply came. */
    record Reply() implements PingOutcome {
    }

    /** Nothing within connect_timeout. */
    record Timeout() implements PingOutcome {
    }

    /**
     * What came was no echo reply, or recv() failed: {@code line} is what keepalived logs for
     * it in any case ({@link IcmpEcho#check}).
     */
    record Failed(String line) implements PingOutcome {
    }

    /** sendto() failed ({@code line}: keepalived's "send ICMP packet fail" line): a failure. */
    record NotSent(String line) implements PingOutcome {
    }

    /** No ping socket could be opened: rescheduled at delay_loop, no verdict. */
    record NoSocket(boolean ipv6) implements PingOutcome {
    }
}
