package org.keepalived4j.config.bind.route;

import java.util.function.Predicate;

/**
 * What route and rule parsing needs beyond the line.
 *
 * @param staticEntry     true inside static_routes/static_rules (track_group is allowed there only)
 * @param interfaceExists whether an interface name exists on this host
 * @param trackGroupExists whether a root-level {@code track_group} of that name was defined earlier
 * @param priorities      rule preference numbering of this configuration load
 */
public record RouteContext(boolean staticEntry, Predicate<String> interfaceExists,
                           Predicate<String> trackGroupExists, RulePriorities priorities) {

    /**
     * keepalived numbers rules without a preference 16384, 16383, ... separately for IPv4 and
     * IPv6, across static and virtual rules of one load.
     */
    public static final class RulePriorities {
        public static final long START = 16384;
        private long nextV4 = START;
        private long nextV6 = START;

        public long next(boolean ipv6) {
            return ipv6 ? nextV6-- : nextV4--;
        }
    }
}
