package org.keepalived4j.config.bind;

import java.util.Optional;

import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.parser.Node;

/** Parses route and rule lines (virtual_routes, static_routes, virtual_rules, static_rules). */
public final class RouteRuleParser {
    private RouteRuleParser() {
    }

    /** One route line; empty when keepalived would skip it. Reports keepalived's diagnostics. */
    public static Optional<RouteConfig> parseRoute(Node line, Diagnostics diags) {
        return Optional.of(new RouteConfig(line.words(), line.origin()));
    }

    /** One rule line; empty when keepalived would skip it. Reports keepalived's diagnostics. */
    public static Optional<RuleConfig> parseRule(Node line, Diagnostics diags) {
        return Optional.of(new RuleConfig(line.words(), line.origin()));
    }
}
