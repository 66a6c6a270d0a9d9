package org.keepalived4j.config.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.Origin;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.Prefix;

/**
 * A static or virtual rule ({@code ip rule} syntax, as keepalived 2.2.7's alloc_rule() accepts it).
 *
 * @param invert              {@code not}
 * @param preference          the priority; keepalived assigns 16384, 16383, ... per family when absent
 * @param preferenceAssigned  true when keepalived chose the preference
 * @param action              what the rule does
 * @param table               table id for {@link Action#TABLE} (0 for l3mdev rules)
 * @param gotoTarget          target preference for {@link Action#GOTO}
 * @param fwmask              mask given as {@code fwmark N/M}
 * @param iif                 {@code iif}/{@code dev}
 * @param suppressPrefixLength {@code suppress_prefixlength}/{@code sup_pl}
 * @param suppressIfgroup     {@code suppress_ifgroup}/{@code sup_group}
 * @param protocol            18 (keepalived) for tracked rules
 * @param track               false for {@code no_track}
 * @param trackGroup          static rules only
 */
public record RuleConfig(Family family, boolean invert, Optional<Prefix> from, Optional<Prefix> to, long preference,
                         boolean preferenceAssigned, Action action, long table, OptionalLong gotoTarget, int tos,
                         OptionalLong fwmark, OptionalLong fwmask, Optional<String> iif, Optional<String> oif,
                         OptionalLong realms, OptionalInt suppressPrefixLength, OptionalLong suppressIfgroup,
                         OptionalLong tunnelId, Optional<Range> uidRange, Optional<Range> sport,
                         Optional<Range> dport, OptionalInt protocol, OptionalInt ipProto, boolean l3mdev,
                         boolean track, Optional<String> trackGroup, List<String> words, Origin origin) {

    public RuleConfig {
        words = List.copyOf(words);
    }

    /** The line as keepalived's config words, space separated. */
    public String display() {
        return String.join(" ", words);
    }

    /** FR_ACT_*: table lookup, goto, nop, blackhole, unreachable, prohibit. */
    public enum Action { TABLE, GOTO, NOP, BLACKHOLE, UNREACHABLE, PROHIBIT }

    /** An inclusive range (uidrange, sport, dport). */
    public record Range(long start, long end) {
    }
}
