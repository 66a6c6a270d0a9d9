package org.keepalived4j.config.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keepalived4j.config.ConfigAbort;
import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;
import org.keepalived4j.config.bind.route.RouteContext;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.parser.Grammar;
import org.keepalived4j.config.parser.Node;

/**
 * Route and rule lines against keepalived 2.2.7 -t (expectations taken from the real daemon in a
 * namespace with eth0..eth3 and ens18; track group "TG" defined).
 */
class RouteRuleParserTest {
    private static final Set<String> IFACES = Set.of("lo", "eth0", "eth1", "eth2", "eth3", "ens18");
    private static final Origin ORIGIN = new Origin("keepalived.conf", 7, true);

    private static Node node(String text) {
        List<String> w = text.isEmpty() ? List.of("") : Arrays.asList(text.trim().split("\\s+"));
        return new Node(w.get(0), w.subList(1, w.size()), text, ORIGIN, 1, Grammar.Kind.SIMPLE, Subsystem.VRRP,
                List.of());
    }

    /** One rule numbering per load, as the binder keeps it; here one per Diagnostics. */
    private static final java.util.Map<Diagnostics, RouteContext.RulePriorities> PRIORITIES = new java.util.IdentityHashMap<>();

    private static RouteContext.RulePriorities priorities(Diagnostics d) {
        return PRIORITIES.computeIfAbsent(d, x -> new RouteContext.RulePriorities());
    }

    private static RouteContext context(Diagnostics d, boolean staticEntry) {
        return new RouteContext(staticEntry, IFACES::contains, "TG"::equals, priorities(d));
    }

    private static List<String> messages(Diagnostics d) {
        return d.all().stream().filter(x -> x.errorClass() != ConfigErrorClass.LOG).map(Diagnostic::message).toList();
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                // line, static?, kept?, messages
                route("198.51.100.0/24 via 203.0.113.1 dev eth0", false, true),
                route("src 198.51.100.1 198.51.100.0/24 via 203.0.113.254 dev eth1", false, true),
                route("198.51.100.0/24 via 203.0.113.1", false, true,
                        "Warning - cannot track route 198.51.100.0/24 with no interface specified, not tracking"),
                route("198.51.100.0/24 via 203.0.113.1 no_track", false, true),
                route("198.51.100.0/24 via 203.0.113.1 or 203.0.113.2", false, true,
                        "\"or\" for routes is deprecated. Please use \"nexthop\"",
                        "Warning - cannot track route 198.51.100.0/24 with no interface specified, not tracking"),
                route("198.51.100.0/24 via 203.0.113.1 or 203.0.113.2 or 203.0.113.3 dev eth0", false, true,
                        "\"or\" for routes is deprecated. Please use \"nexthop\"",
                        "\"or\" for routes is deprecated. Please use \"nexthop\"",
                        "\"or\" route already specified - ignoring subsequent"),
                route("0.0.0.0/0 gw 203.0.113.1 table 100", false, true,
                        "\"gw\" for routes is deprecated. Please use \"via\"",
                        "Warning - cannot track route 0.0.0.0/0 with no interface specified, not tracking"),
                route("blackhole 198.51.100.1/32", false, true,
                        "Warning - cannot track route 198.51.100.1/32 with no interface specified, not tracking"),
                route("to blackhole 198.51.100.0/24 dev eth0", false, false,
                        "VRRP parsed invalid IP blackhole. skipping IP...", "unknown route keyword blackhole"),
                route("to 198.51.100.0/24 dev eth0", false, true),
                route("foo", false, false, "VRRP parsed invalid IP foo. skipping IP...", "unknown route keyword foo"),
                route("198.51.100.0/24 dev nonexist", false, false,
                        "WARNING - interface nonexist for VROUTE nexthop doesn't exist"),
                route("198.51.100.0/24 via 203.0.113.1/24 dev eth0", false, false,
                        "VRRP parsed invalid IP 203.0.113.1/24. skipping IP...",
                        "invalid route via address 203.0.113.1/24"),
                route("198.51.100.0/33 dev eth0", false, true, "number '33' outside range [0, 32]",
                        "Invalid address prefix len 33 for address 198.51.100.0/33 - using 32"),
                route("inet6 198.51.100.0/24 dev eth0", false, false, "Route must have a destination"),
                route("198.51.100.0/24 via 2001:db8::1 dev eth0", false, false,
                        "Cannot mix IPv4 and IPv6 addresses for route"),
                route("198.51.100.0/24 metric abc dev eth0", false, false, "invalid number 'abc'",
                        "Invalid metric abc specified for route"),
                route("198.51.100.0/24 metric 0x10 dev eth0", false, false, "invalid number '0x10'",
                        "Invalid metric 0x10 specified for route"),
                route("198.51.100.0/24 table foo dev eth0", false, false, "Routing table foo not found for route"),
                route("198.51.100.0/24 table 300 dev eth0", false, true),
                route("198.51.100.0/24 scope bogus dev eth0", false, false,
                        "Scope bogus not found or invalid for route"),
                route("198.51.100.0/24 dev eth0 scope universe", false, false,
                        "Scope universe not found or invalid for route"),
                route("198.51.100.0/24 protocol static dev eth0", false, true,
                        "Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol"),
                route("198.51.100.0/24 dev eth0 no_track protocol static", false, true),
                route("198.51.100.0/24 dev eth0 nexthop via 203.0.113.1 dev eth1 weight 2 nexthop via 203.0.113.2 dev eth2",
                        false, true),
                route("198.51.100.0/24 nexthop via 203.0.113.1 weight 0", false, true,
                        "Invalid weight 0 specified for route",
                        "Warning - cannot track route 198.51.100.0/24 with no interface specified, not tracking"),
                route("198.51.100.0/24 dev eth0 nexthop via 203.0.113.1 bogus", false, true,
                        "Route has trailing nonsense after nexthops - bogus"),
                route("198.51.100.0/24 dev eth0 nexthop via inet6 2001:db8::1", false, true,
                        "IPv4/6 mismatch for nexthop"),
                route("198.51.100.0/24 dev eth0 nexthop via 203.0.113.1 dev nonexist nexthop via 203.0.113.2", false,
                        true, "WARNING - interface nonexist for VROUTE nexthop doesn't exist"),
                route("198.51.100.0/24 dev eth0 extra junk", false, false,
                        "VRRP parsed invalid IP extra. skipping IP...", "unknown route keyword extra"),
                route("dev eth0", false, false, "Route must have a destination"),
                route("default via 203.0.113.1 dev eth0", false, true),
                route("default6 dev eth0", false, true),
                route("inet6 default dev eth0", false, false, "Route must have a destination"),
                route("src 198.51.100.1 default dev eth0", false, false,
                        "Cannot mix IPv4 and IPv6 addresses for route (default)"),
                route("2001:db8::/32 dev eth0 pref high", false, true),
                route("198.51.100.0/24 dev eth0 pref high", false, false, "pref is only valid for IPv6"),
                route("198.51.100.0/24 dev eth0 mtu lock 1400 rtt 3s rto_min 10ms", false, true),
                route("198.51.100.0/24 dev eth0 rtt 1e3", false, false, "Invalid rtt 1e3 for route"),
                route("198.51.100.0/24 dev eth0 rtt 500s", false, true),
                route("198.51.100.0/24 dev eth0 features foo", false, true, "feature foo not supported"),
                route("198.51.100.0/24 dev eth0 track_group X", false, false,
                        "VRRP parsed invalid IP track_group. skipping IP...", "unknown route keyword track_group"),
                route("198.51.100.0/24 dev eth0 track_group X", true, true, "track_group X not found"),
                route("198.51.100.0/24 dev eth0 track_group TG", true, true),
                route("198.51.100.0/24 track_group TG no_track", true, true,
                        "Static route cannot have track group if no oif specified"),
                route("198.51.100.0/24 dev eth0 track_group TG track_group TG", true, false,
                        "track_group TG is a duplicate", "Route has trailing nonsense - TG"),
                route("unreachable 198.51.100.0/24", false, true,
                        "Warning - cannot track route 198.51.100.0/24 with no interface specified, not tracking"),
                route("198.51.100.0/24 dev eth0 realms 5", false, true),
                route("198.51.100.0/24 dev eth0 realms foo/bar", false, false, "Invalid realms foo/bar for route"),
                route("2001:db8::/32 dev eth0 realms 5", false, false, "realms are only valid for IPv4"),
                route("198.51.100.0/24 dev eth0 tos 0x10", false, true),
                route("198.51.100.0/24 dev eth0 tos bogus", false, false, "TOS value bogus is invalid"),
                route("198.51.100.0/24 dev eth0 expires 10", false, false, "expires is only valid for IPv6"),
                route("198.51.100.0/24 dev eth0 encap ip id 5 dst 203.0.113.1", false, true),
                route("198.51.100.0/24 dev eth0 encap ip id x dst 203.0.113.1", false, false, "invalid number 'x'",
                        "encap id x value is invalid", "VRRP parsed invalid IP id. skipping IP...",
                        "unknown route keyword id"),
                route("198.51.100.0/24 dev eth0 encap foo bar", false, true, "Unknown encap type - foo"),
                route("198.51.100.0/24 dev eth0 encap mpls 100/200 metric 5", false, true),
                route("198.51.100.0/24 dev eth0 encap ip tos 5", false, true,
                        "address or id missing for ip encapsulation"),
                route("198.51.100.0/24 dev eth0 encap", false, true, "Missing encap type"),
                route("198.51.100.0/24 dev eth0 ttl-propagate maybe", false, true,
                        "ttl-propagate value maybe not recognised"),
                route("198.51.100.0/24 dev eth0 as to 1", false, true, "\"as to\" for MPLS only - ignoring"),
                route("198.51.100.0/24 dev eth0 vrf foo", false, false, "VRF foo not found for route"),
                route("198.51.100.0/24 from 2001:db8::1 dev eth0", false, false,
                        "Cannot mix IPv4 and IPv6 addresses for route"),
                route("2001:db8::/32 from 2001:db8::/48 dev eth0 pref 7", false, true),
                route("src 2001:db8::1 198.51.100.0/24 dev eth0", false, false,
                        "Cannot mix IPv4 and IPv6 addresses for route (198.51.100.0/24)"),
                route("198.51.100.0/24 5 dev eth0", false, false, "VRRP parsed invalid IP dev. skipping IP...",
                        "unknown route keyword dev"),
                route("198.51.100.0/24 dev eth0 12 203.0.113.0/24", false, true),
                route("198.51.100.0/24 dev eth0 0x0c 203.0.113.0/24", false, true),
                route("198.51.100.0/24 dev eth0 256 203.0.113.0/24", false, false,
                        "VRRP parsed invalid IP 256. skipping IP...", "unknown route keyword 256"),
                route("198.51.100.0/24 dev eth0 none", false, false, "VRRP parsed invalid IP none. skipping IP...",
                        "unknown route keyword none"),
                route("198.51.100.0/24 dev eth0 nexthop", false, true),
                route("198.051.100.0/24 dev eth0", false, false,
                        "VRRP parsed invalid IP 198.051.100.0/24. skipping IP...",
                        "unknown route keyword 198.051.100.0/24"),
                route("198.51.100.0/ dev eth0", false, true),
                route("198.51.100.0/x dev eth0", false, true, "invalid number 'x'",
                        "Invalid address prefix len x for address 198.51.100.0/x - using 32"),
                route("::ffff:198.51.100.0/120 dev eth0", false, true),
                route("198.51.100.0/24 dev eth0 src 203.0.113.1/24", false, false,
                        "VRRP parsed invalid IP 203.0.113.1/24. skipping IP...",
                        "invalid route src address 203.0.113.1/24"),
                route("198.51.100.0/24 dev eth0 quickack 2", false, false, "number '2' outside range [0, 1]",
                        "Invalid quickack value 2 specified for route"),
                route("198.51.100.0/24 dev eth0 hoplimit 256", false, false, "number '256' outside range [0, 255]",
                        "Invalid hoplimit 256 specified for route"),
                route("198.51.100.0/24 dev eth0 congctl lock cubic", false, true),
                route("198.51.100.0/24 dev eth0 metric 5 metric 6 via 203.0.113.1 via 203.0.113.2", false, true),
                route("198.51.100.0/24 dev eth0 table 0x10 onlink prepend add append", false, true),
                route("198.51.100.0/24 dev eth0 inet", false, true));
    }

    private static Arguments route(String line, boolean staticEntry, boolean kept, String... messages) {
        return Arguments.of(line, staticEntry, kept, List.of(messages));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeLines(String line, boolean staticEntry, boolean kept, List<String> expected) {
        Diagnostics d = new Diagnostics();
        Optional<RouteConfig> r = RouteRuleParser.parseRoute(node(line), d, context(d, staticEntry));
        assertEquals(expected, messages(d));
        assertEquals(kept, r.isPresent());
        d.all().stream().filter(x -> x.errorClass() != ConfigErrorClass.LOG).forEach(x -> {
            assertEquals(ORIGIN, x.origin());
            assertTrue(x.errorClass() == ConfigErrorClass.GENERAL_ERROR
                    || x.errorClass() == ConfigErrorClass.INVALID_NUMBER, x.toString());
        });
        assertTrue(d.all().stream().filter(x -> x.message().startsWith("VRRP parsed") || x.message().startsWith("Warning"))
                .allMatch(x -> x.errorClass() == ConfigErrorClass.GENERAL_ERROR));
    }

    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("198.51.100.0/24 via", "via", 3),
                Arguments.of("198.51.100.0/24 dev eth0 to", "to", 5),
                Arguments.of("198.51.100.0/24 dev eth0 blackhole", "blackhole", 5),
                Arguments.of("198.51.100.0/24 dev eth0 nexthop via 203.0.113.1 weight", "weight", 8),
                Arguments.of("198.51.100.0/24 dev eth0 mtu lock", "lock", 6),
                Arguments.of("2001:db8::/32 dev eth0 expires", "expires", 5),
                Arguments.of("198.51.100.0/24 dev eth0 as", "as", 5),
                Arguments.of("198.51.100.0/24 dev eth0 via inet", "inet", 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missing")
    void missingParameterAborts(String line, String after, int position) {
        Diagnostics d = new Diagnostics();
        assertThrows(ConfigAbort.class, () -> RouteRuleParser.parseRoute(node(line), d, context(d, true)));
        Diagnostic last = d.all().get(d.all().size() - 1);
        assertEquals(ConfigErrorClass.MISSING_PARAMETER, last.errorClass());
        assertEquals("*** Configuration line starting `" + line.split(" ")[0] + "` is missing a parameter after keyword `"
                + after + "` at word position " + position, last.message());
        assertEquals(2, d.configTestExitCode());
    }

    @Test
    void orBeforeAbortIsStillReported() {
        Diagnostics d = new Diagnostics();
        assertThrows(ConfigAbort.class, () -> RouteRuleParser.parseRoute(node("198.51.100.0/24 dev eth0 or"), d, context(d, false)));
        assertEquals("\"or\" for routes is deprecated. Please use \"nexthop\"", d.all().get(0).message());
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("from 198.51.100.0/24 table 100 preference 10", true, true),
                rule("from 198.51.100.0/24 table 100 preference abc", true, false, "invalid number 'abc'",
                        "Invalid rule preference preference specified"),
                rule("from 198.51.100.0/24 table 100 preference 0x10", true, true),
                rule("from 198.51.100.0/24 table 1 preference -1", true, false, "negative number '-1'",
                        "Invalid rule preference preference specified"),
                rule("from 198.51.100.0/24 table 1 preference 010", true, true),
                rule("to 198.51.100.0/24 goto 200", true, false,
                        "Invalid rule - goto target 200 specified without preference"),
                rule("to 198.51.100.0/24 preference 300 goto 200", true, false,
                        "Invalid rule - preference 300 >= goto target 200"),
                rule("from 198.51.100.0/24 table 0", true, false, "Table 0 is not valid"),
                rule("from 198.51.100.0/24 table 100 nop", true, false,
                        "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/l3mdev for rule"),
                rule("from 198.51.100.0/24 table 1 table 2 preference 23", true, false,
                        "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable for rule"),
                rule("from 198.51.100.0/24 type unicast", true, false, "Invalid rule action unicast"),
                rule("table 1 preference 7 type 0", true, false, "Invalid rule action 0"),
                rule("from 198.51.100.0/24 bogus", true, false, "Unknown rule option bogus"),
                rule("fwmark 0x10/0xff table 5 preference 5", true, true),
                rule("fwmark abc table 5 preference 5", true, false, "Invalid rule fwmark abc specified"),
                rule("iif nonexist table 5 preference 5", true, false,
                        "WARNING - interface nonexist for rule doesn't exist"),
                rule("realms 5 blackhole preference 7", true, false,
                        "suppressor/realm specified for non table action - skipping"),
                rule("inet6 from 198.51.100.0/24 table 1", true, false, "Unknown rule option 198.51.100.0/24"),
                rule("inet6 table 1", true, false, "Invalid rule action 1"),
                rule("inet6 inet table 1 preference 10", true, true),
                rule("from 198.51.100.0/24 table 1 protocol static preference 8", true, true, "invalid number 'static'",
                        "Invalid protocol static"),
                rule("from 198.51.100.0/24 table 1 preference 19 protocol 300", true, true,
                        "number '300' outside range [0, 255]", "Invalid protocol 300"),
                rule("from 198.51.100.0/24 table 1 preference 19 protocol 4", true, true,
                        "Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol"),
                rule("not from 198.51.100.0/24 table 1 preference 9", true, true),
                rule("l3mdev preference 10", true, true),
                rule("from 198.51.100.0/24 table 1 preference 11 sport 80-90 dport 443 uidrange 1-2 ipproto tcp", true,
                        true, "invalid dport range 443"),
                rule("from 198.51.100.0/24 table 1 preference 12 sport x", true, true, "invalid sport range x"),
                rule("from 198.51.100.0/24 table 1 preference 13 uidrange x", true, false,
                        "Invalid uidrange uidrange specified"),
                rule("from 198.51.100.0/24 table 1 preference 14 tunnel-id x", true, false, "invalid number 'x'",
                        "Invalid tunnel-id tunnel-id specified"),
                rule("from 198.51.100.0/24 table 1 preference 15 suppress_prefixlength x", true, false,
                        "invalid number 'x'", "Invalid suppress_prefixlength suppress_prefixlength specified"),
                rule("from 198.51.100.0/24 table 1 preference 16 ipproto bogus", true, true, "Invalid ipproto bogus"),
                rule("from 198.51.100.0/24 table 1 preference 17 track_group X", true, true, "track_group X not found"),
                rule("from 198.51.100.0/24 table 1 preference 17 track_group X", false, false,
                        "Unknown rule option track_group"),
                rule("iif eth0 table 1 preference 5 track_group TG", true, true),
                rule("table 1 preference 6 track_group TG", true, true,
                        "Static rule cannot have track_group if dev/iif not specified"),
                rule("from 198.51.100.0/24 to 2001:db8::/32 table 1", true, false,
                        "rule specification has mixed IPv4 and IPv6"),
                rule("from 198.51.100.0/24 table 1 preference 28 to default", true, false,
                        "rule specification has mixed IPv4 and IPv6"),
                rule("from default6 table 1 preference 29", true, true),
                rule("from 198.51.100.0/24 table foo preference 18", true, false, "Routing table foo not found for rule"),
                rule("from 198.51.100.0/24 prohibit preference 20", true, true),
                rule("from 198.51.100.0/24 type goto 30 preference 21", true, true),
                rule("from 198.51.100.0/24 goto x preference 22", true, false, "invalid number 'x'",
                        "Invalid target goto specified"),
                rule("to 198.51.100./24 table 1", true, false, "VRRP parsed invalid IP 198.51.100./24. skipping IP...",
                        "Invalid rule to address 198.51.100./24"),
                rule("from 198.51.100.0/24 table 1 preference 25 tos 0x10 dsfield bogus", true, false,
                        "TOS value bogus is invalid"),
                rule("from 198.51.100.0/24 table 1 preference 26 oif eth1 iif eth2 sup_group 5 sup_pl 8", true, true),
                rule("from 198.51.100.0/24 table 1 preference 27 realms 1/2 suppress_ifgroup bogus", true, false,
                        "suppress_group bogus is invalid"),
                rule("table 1 preference 8 fwmark 0x10/0", true, true),
                rule("from 198.51.100.0/24", true, false, "No action specified for rule - ignoring"));
    }

    private static Arguments rule(String line, boolean staticEntry, boolean kept, String... messages) {
        return Arguments.of(line, staticEntry, kept, List.of(messages));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleLines(String line, boolean staticEntry, boolean kept, List<String> expected) {
        Diagnostics d = new Diagnostics();
        Optional<RuleConfig> r = RouteRuleParser.parseRule(node(line), d, context(d, staticEntry));
        assertEquals(expected, messages(d));
        assertEquals(kept, r.isPresent());
    }

    @Test
    void missingPreferenceCountsDownPerFamilyAcrossTheLoad() {
        Diagnostics d = new Diagnostics();
        List<String> lines = List.of("from 198.51.100.0/24 table 100 preference 10", "from 2001:db8::/32 table 100",
                "from all table 100", "from 203.0.113.0/24 table 2", "from 2001:db8::/32 table 100");
        List<Long> prefs = lines.stream().map(l -> RouteRuleParser.parseRule(node(l), d, context(d, false)).orElseThrow().preference())
                .toList();
        assertEquals(List.of(10L, 16384L, 16384L, 16383L, 16383L), prefs);
        assertEquals(List.of(
                "Rule has no preference specified - setting to 16384. This is probably not what you want.",
                "Rule has no preference specified - setting to 16384. This is probably not what you want.",
                "Rule has no preference specified - setting to 16383. This is probably not what you want.",
                "Rule has no preference specified - setting to 16383. This is probably not what you want."),
                messages(d));
        // a new load starts again at 16384
        Diagnostics d2 = new Diagnostics();
        assertEquals(16384L, RouteRuleParser.parseRule(node("from all table 100"), d2, context(d2, false)).orElseThrow().preference());
    }

    @Test
    void routeFieldsAreTyped() throws Exception {
        Diagnostics d = new Diagnostics();
        RouteConfig r = RouteRuleParser.parseRoute(node(
                "src 198.51.100.1 198.51.100.0/24 via 203.0.113.254 dev eth1 table main metric 7 scope link mtu lock 1400"),
                d, context(d, false)).orElseThrow();
        assertEquals(Family.INET, r.family());
        assertEquals(Optional.of(InetAddress.getByName("198.51.100.0")), r.destination().address());
        assertEquals(24, r.destination().length());
        assertEquals("198.51.100.0/24", r.destination().display());
        assertEquals(Optional.of(InetAddress.getByName("203.0.113.254")), r.via());
        assertEquals(Optional.of(InetAddress.getByName("198.51.100.1")), r.source());
        assertEquals(Optional.of("eth1"), r.dev());
        assertEquals(254, r.table());
        assertEquals(7, r.metric().getAsLong());
        assertEquals(253, r.scope());
        assertEquals(18, r.protocol().getAsInt());
        assertEquals(1400L, r.metrics().get("mtu"));
        assertTrue(r.locked().contains("mtu"));
        assertTrue(r.track());
        assertEquals(RouteConfig.RTN_UNICAST, r.type());

        RouteConfig b = RouteRuleParser.parseRoute(node("blackhole 2001:db8::/32 no_track"), d, context(d, false)).orElseThrow();
        assertEquals(6, b.type());
        assertEquals(Family.INET6, b.family());
        assertEquals("2001:db8::/32", b.destination().display());
        assertFalse(b.track());

        RouteConfig m = RouteRuleParser.parseRoute(node(
                "198.51.100.0/24 dev eth0 nexthop via 203.0.113.1 dev eth1 weight 2 nexthop via 203.0.113.2"), d,
                context(d, false)).orElseThrow();
        assertEquals(2, m.nexthops().size());
        assertEquals(2, m.nexthops().get(0).weight().getAsInt());
        assertEquals(Optional.of("eth1"), m.nexthops().get(0).dev());

        RouteConfig def = RouteRuleParser.parseRoute(node("default via 203.0.113.1 dev eth0"), d, context(d, false)).orElseThrow();
        assertTrue(def.destination().isDefault());
        assertEquals(List.of(), messages(d));
    }

    @Test
    void ruleFieldsAreTyped() {
        Diagnostics d = new Diagnostics();
        RuleConfig r = RouteRuleParser.parseRule(node(
                "not from 198.51.100.0/24 to 203.0.113.0/24 iif eth0 fwmark 0x10/0xff lookup 100 priority 200"), d,
                context(d, false)).orElseThrow();
        assertTrue(r.invert());
        assertEquals("198.51.100.0/24", r.from().orElseThrow().display());
        assertEquals("203.0.113.0/24", r.to().orElseThrow().display());
        assertEquals(Optional.of("eth0"), r.iif());
        assertEquals(16, r.fwmark().getAsLong());
        assertEquals(255, r.fwmask().getAsLong());
        assertEquals(RuleConfig.Action.TABLE, r.action());
        assertEquals(100, r.table());
        assertEquals(200, r.preference());
        assertFalse(r.preferenceAssigned());
        RuleConfig g = RouteRuleParser.parseRule(node("from 2001:db8::/32 goto 300 preference 100"), d, context(d, false)).orElseThrow();
        assertEquals(RuleConfig.Action.GOTO, g.action());
        assertEquals(300, g.gotoTarget().getAsLong());
        assertEquals(Family.INET6, g.family());
        assertEquals(List.of(), messages(d));
    }
}
