package org.keepalived4j.config.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.Origin;

/** A health checker of a real server. */
public sealed interface CheckerConfig {

    CheckerCommon common();

    Origin origin();

    /** The keyword that configured it (TCP_CHECK, HTTP_GET, ...). */
    String type();

    /** {@code TCP_CHECK}: a TCP connect succeeds. */
    record TcpCheck(CheckerCommon common, Origin origin) implements CheckerConfig {
        public String type() {
            return "TCP_CHECK";
        }
    }

    /**
     * {@code url { path; digest; status_code }}.
     *
     * @param statusCodes ranges "200-299" style as [lo, hi] pairs; empty means 200-299
     */
    record Url(String path, Optional<String> digest, List<int[]> statusCodes, Optional<String> virtualhost,
               Origin origin) {
        public Url {
            statusCodes = List.copyOf(statusCodes);
        }
    }

    /** {@code HTTP_GET} / {@code SSL_GET}. */
    record HttpCheck(boolean ssl, CheckerCommon common, List<Url> urls, Optional<String> virtualhost,
                     String httpProtocol, Origin origin) implements CheckerConfig {
        public HttpCheck {
            urls = List.copyOf(urls);
        }

        public String type() {
            return ssl ? "SSL_GET" : "HTTP_GET";
        }
    }

    /** {@code MISC_CHECK}: a script; exit 0 up, 1 down, 2..255 up with weight status-2 when dynamic. */
    record MiscCheck(CheckerCommon common, Optional<Script> script, OptionalLong timeoutMicros, boolean dynamic,
                     Origin origin) implements CheckerConfig {
        public String type() {
            return "MISC_CHECK";
        }
    }

    /**
     * {@code FILE_CHECK { track_file NAME; weight W [reverse|noreverse] }} (check_file.c): the real
     * server follows the number in a track file. Without its own weight the track_file's weight and
     * reverse apply. It has none of the common checker keywords.
     *
     * @param file    the track_file block it names
     * @param weight  -INT32_MAX..INT32_MAX; 0: a non-zero value (zero when reverse) fails the checker,
     *                else value × weight (negated when reverse) is added to the real server's weight
     *                and a product at or below INT32_MIN fails it
     */
    record FileCheck(TrackFileConfig file, long weight, boolean reverse, Origin origin) implements CheckerConfig {
        public CheckerCommon common() {
            return CheckerCommon.NONE;
        }

        public String type() {
            return "FILE_CHECK";
        }
    }

    /**
     * {@code SMTP_CHECK} (check_smtp.c): connect, 220 greeting, HELO, 250, QUIT.
     *
     * @param heloName helo_name, default {@code smtpchecker.keepalived.org}
     * @param hosts    the deprecated {@code host { }} blocks: each is checked as a checker of its own
     *                 with its connection options (the first one replaces the block's own when
     *                 the block sets no connection option)
     */
    record SmtpCheck(CheckerCommon common, String heloName, List<CheckerCommon> hosts, Origin origin)
            implements CheckerConfig {
        public SmtpCheck {
            hosts = List.copyOf(hosts);
        }

        public String type() {
            return "SMTP_CHECK";
        }
    }

    /**
     * {@code DNS_CHECK} (check_dns.c): a UDP query for {@code name} of {@code type}; any response
     * with RCODE 0 passes.
     *
     * @param queryType the query type number (A 1, NS 2, CNAME 5, SOA 6 (default), MX 15, TXT 16,
     *             AAAA 28, RRSIG 46, DNSKEY 48)
     * @param name the name queried, default "" (the root)
     */
    record DnsCheck(CheckerCommon common, int queryType, String name, Origin origin) implements CheckerConfig {
        public String type() {
            return "DNS_CHECK";
        }
    }

    /**
     * {@code UDP_CHECK} (check_udp.c): send a datagram on a connected UDP socket. Without
     * require_reply, no ICMP error (and no receive error) within connect_timeout is a success;
     * with it a reply must come, and when a pattern is given its first octets must match.
     *
     * @param payload      the datagram, default 32 bytes of "keepalived check - ..."
     * @param replyData    require_reply's pattern (empty: any reply)
     * @param replyMask    1-bits are ignored (the 'x' nibbles of the pattern)
     * @param minReply     min_reply_length, default 0 (only checked with a pattern)
     * @param maxReply     max_reply_length, default 255 (only checked with a pattern)
     */
    record UdpCheck(CheckerCommon common, Optional<byte[]> payload, boolean requireReply, Optional<byte[]> replyData,
                    Optional<byte[]> replyMask, int minReply, int maxReply, Origin origin) implements CheckerConfig {
        public String type() {
            return "UDP_CHECK";
        }
    }

    /** {@code PING_CHECK} (check_ping.c): an ICMP / ICMPv6 echo answered within connect_timeout. */
    record PingCheck(CheckerCommon common, Origin origin) implements CheckerConfig {
        public String type() {
            return "PING_CHECK";
        }
    }

    /** A checker keepalived has that this implementation parses but does not run yet. */
    record OtherCheck(String type, CheckerCommon common, Origin origin) implements CheckerConfig {
    }
}
