package org.keepalived4j.config.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.Origin;
import org.keepalived4j.util.IpAddresses;

/**
 * A static or virtual rule ({@code ip rule} syntax, alloc_rule() in vrrp_iprule.c).
 *
 * @param preference  the rule's priority; keepalived assigns 16384, 16383, ... per family when absent
 * @param action      "table N", "goto N", "nop", "blackhole", "prohibit" or "unreachable"
 */
public record RuleConfig(Optional<IpAddresses.Prefix> from, Optional<IpAddresses.Prefix> to, long preference,
                         String action, OptionalLong fwmark, Optional<String> iif, Optional<String> oif,
                         List<String> options, boolean track, List<String> words, Origin origin) {
    public RuleConfig {
        options = List.copyOf(options);
        words = List.copyOf(words);
    }
}
