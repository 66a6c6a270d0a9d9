package org.keepalived4j.config.bind;

import java.util.Map;

/** DNS_CHECK's query types and name rule (check_dns.c: DNS_TYPE[], dns_name_handler()). */
final class DnsTypes {
    /** By keyword (matched case-insensitively). */
    static final Map<String, Integer> TYPES = Map.of("A", 1, "NS", 2, "CNAME", 5, "SOA", 6, "MX", 15, "TXT", 16,
            "AAAA", 28, "RRSIG", 46, "DNSKEY", 48);
    /** DNS_DEFAULT_TYPE: SOA. */
    static final int DEFAULT = 6;

    private DnsTypes() {
    }

    /**
     * A name with an empty label (".x", "a..b") is refused; "." alone and a trailing dot are
     * fine. keepalived 2.2.7's loop also looks at the second character of the name first, so a
     * name with a one-character first label ("a.example.com") is refused too.
     */
    static boolean hasEmptyLabel(String name) {
        if (name.startsWith(".") && name.length() > 1) {
            return true;
        }
        return (name.length() > 1 && name.charAt(1) == '.') || name.contains("..");
    }
}
