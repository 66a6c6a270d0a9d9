package org.keepalived4j.check;

/** How one DNS_CHECK query ended (the reasons dns_final() is called with, check_dns.c). */
public sealed interface DnsOutcome {
    /** A response with RCODE 0. */
    record Success() implements DnsOutcome {
    }

    /** A response with a non-zero RCODE. */
    record Rcode(int rcode) implements DnsOutcome {
    }

    /** No usable response within connect_timeout. */
    record ReadTimeout() implements DnsOutcome {
    }

    /** recv() failed, e.g. errno 111 after an ICMP port unreachable. */
    record ReadError(int errno, String error) implements DnsOutcome {
    }

    /** send() failed. */
    record WriteFailed() implements DnsOutcome {
    }

    /** connect() failed at once. */
    record NetworkUnreachable() implements DnsOutcome {
    }

    /** The socket could not be bound: rescheduled, no verdict. */
    record BindError() implements DnsOutcome {
    }
}
