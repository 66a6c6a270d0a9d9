package org.keepalived4j.config.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import org.keepalived4j.config.Origin;

/**
 * A static or virtual route ({@code ip route} syntax, as keepalived 2.2.7's alloc_route() accepts it).
 *
 * @param family      address family of the route (IPv4 when nothing said otherwise)
 * @param destination the destination prefix ({@code default}/{@code any}/{@code all} has no address)
 * @param type        route type number (rtntype: 1 unicast, 6 blackhole, 7 unreachable, 8 prohibit, 9 throw...)
 * @param via         gateway ({@code via}, deprecated {@code gw})
 * @param source      preferred source address ({@code src})
 * @param from        IPv6 source prefix ({@code from})
 * @param dev         output interface ({@code dev}/{@code oif})
 * @param table       routing table id (254 main by default; {@code vrf} sets the VRF's table)
 * @param metric      {@code metric}/{@code priority}/{@code preference}
 * @param scope       scope number (0 universe by default)
 * @param protocol    routing protocol number; 18 (keepalived) for tracked routes
 * @param tos         {@code tos}/{@code dsfield}
 * @param realms      {@code realms} (from &lt;&lt; 16 | to)
 * @param metrics     kernel route metrics by option name (mtu, advmss, rtt, rttvar, reordering, window, cwnd,
 *                    ssthresh, rto_min, initcwnd, initrwnd, hoplimit, quickack, fastopen_no_cookie, expires, pref,
 *                    ttl-propagate), rtt values in kernel units
 * @param locked      metrics given with {@code lock}
 * @param congctl     congestion control algorithm
 * @param ecn         {@code features ecn}
 * @param onlink      {@code onlink}
 * @param mode        how the route is installed ({@code prepend} default, {@code add}, {@code append})
 * @param encap       lightweight tunnel encapsulation, if any
 * @param nexthops    multipath next hops ({@code nexthop ...} or the deprecated {@code or})
 * @param track       false for {@code no_track} or a route keepalived cannot track (no interface)
 * @param trackGroup  static routes only: the {@code track_group} name (when it exists and dev is given)
 * @param words       the line as written
 */
public record RouteConfig(Family family, Prefix destination, int type, Optional<InetAddress> via,
                          Optional<InetAddress> source, Optional<Prefix> from, Optional<String> dev, long table,
                          OptionalLong metric, int scope, OptionalInt protocol, OptionalInt tos, OptionalLong realms,
                          Map<String, Long> metrics, Set<String> locked, Optional<String> congctl, boolean ecn,
                          boolean onlink, InsertMode mode, Optional<Encap> encap, List<Nexthop> nexthops,
                          boolean track, Optional<String> trackGroup, List<String> words, Origin origin) {

    public static final int RTN_UNICAST = 1;
    public static final long RT_TABLE_MAIN = 254;
    public static final int RTPROT_KEEPALIVED = 18;

    public RouteConfig {
        metrics = Map.copyOf(new TreeMap<>(metrics));
        locked = Set.copyOf(locked);
        nexthops = List.copyOf(nexthops);
        words = List.copyOf(words);
    }

    /** The line as keepalived's config words, space separated. */
    public String display() {
        return String.join(" ", words);
    }

    public enum Family {
        INET, INET6;

        public static Family of(InetAddress a) {
            return a instanceof Inet6Address ? INET6 : INET;
        }
    }

    /** {@code prepend} is the kernel's (and keepalived's traditional) default. */
    public enum InsertMode { PREPEND, ADD, APPEND }

    /**
     * An address with a prefix length. {@code address} is empty for {@code default}, {@code any} and
     * {@code all} (length 0). The address is kept as written, host bits included.
     */
    public record Prefix(Optional<InetAddress> address, int length) {
        public static Prefix any() {
            return new Prefix(Optional.empty(), 0);
        }

        public boolean isDefault() {
            return address.isEmpty();
        }

        public String display() {
            return address.map(a -> format(a) + "/" + length).orElse("default");
        }

        /** Textual form with RFC 5952 compression for IPv6. */
        public static String format(InetAddress a) {
            if (!(a instanceof Inet6Address)) {
                return a.getHostAddress();
            }
            byte[] b = a.getAddress();
            int[] g = new int[8];
            for (int i = 0; i < 8; i++) {
                g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
            }
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(g[i]));
            }
            return sb.toString();
        }
    }

    /**
     * One hop of a multipath route.
     *
     * @param weight as written (1..256)
     */
    public record Nexthop(Optional<InetAddress> via, Optional<String> dev, OptionalInt weight, boolean onlink,
                          OptionalLong realms, Optional<Encap> encap) {
    }

    /**
     * Lightweight tunnel encapsulation ({@code encap ip|ip6|mpls|ila ...}).
     *
     * @param type   ip, ip6, mpls or ila
     * @param fields the settings given (id, dst, src, tos/tc, ttl/hoplimit, flags, labels, locator) as written
     */
    public record Encap(String type, Map<String, String> fields) {
        public Encap {
            fields = Map.copyOf(fields);
        }
    }
}
