package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.Prefix;

/** keepalived 2.2.7's texts about routes and rules (vrrp.c, vrrp_iproute.c, vrrp_iprule.c, ipaddresstos()). */
class RouteMessagesTest {
    @Test
    void settingAndRemovingLines() {
        assertEquals("(VI_1) setting Virtual Routes", RouteMessages.virtualRoutes("VI_1", true));
        assertEquals("(VI_1) removing Virtual Routes", RouteMessages.virtualRoutes("VI_1", false));
        assertEquals("(VI_1) setting Virtual Rules", RouteMessages.virtualRules("VI_1", true));
        assertEquals("(VI_1) removing Virtual Rules", RouteMessages.virtualRules("VI_1", false));
    }

    @Test
    void ipaddresstosLeavesHostPrefixesBare() throws Exception {
        assertEquals("203.0.113.0/24", RouteMessages.address(prefix("203.0.113.0", 24), Family.INET));
        assertEquals("203.0.113.1", RouteMessages.address(prefix("203.0.113.1", 32), Family.INET));
        assertEquals("2001:db8:1::/48", RouteMessages.address(prefix("2001:db8:1::", 48), Family.INET6));
        assertEquals("0.0.0.0/0", RouteMessages.address(Prefix.any(), Family.INET));
        assertEquals("::/0", RouteMessages.address(Prefix.any(), Family.INET6));
    }

    @Test
    void removedRuleLine() {
        RuleLines s = new RuleLines();
        assertEquals("ip rule from 198.51.100.50 removed", RouteMessages.ruleRemoved(s.rule("from 198.51.100.50 table 100 priority 1")));
        assertEquals("ip rule from all to 203.0.113.0/24 removed",
                RouteMessages.ruleRemoved(s.rule("to 203.0.113.0/24 table 100 priority 2")));
    }

    private static Prefix prefix(String a, int len) throws Exception {
        return new Prefix(Optional.of(java.net.InetAddress.getByName(a)), len);
    }

    /** Parses single rule lines as a static_rules block would. */
    static final class RuleLines {
        private final org.keepalived4j.config.bind.route.RouteContext ctx = new org.keepalived4j.config.bind.route
                .RouteContext(true, n -> true, g -> true, new org.keepalived4j.config.bind.route.RouteContext.RulePriorities());

        org.keepalived4j.config.model.RuleConfig rule(String line) {
            List<String> w = List.of(line.split(" "));
            org.keepalived4j.config.parser.Node n = new org.keepalived4j.config.parser.Node(w.get(0), w.subList(1, w.size()),
                    line, new org.keepalived4j.config.Origin("t", 1, true), 1,
                    org.keepalived4j.config.parser.Grammar.Kind.SIMPLE, org.keepalived4j.config.Subsystem.VRRP, List.of());
            return org.keepalived4j.config.bind.RouteRuleParser.parseRule(n, new org.keepalived4j.config.Diagnostics(), ctx)
                    .orElseThrow();
        }
    }
}
