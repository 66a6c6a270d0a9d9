package org.keepalived4j.config.bind;

import java.util.Optional;

import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.bind.route.LineReader;
import org.keepalived4j.config.bind.route.RouteContext;
import org.keepalived4j.config.bind.route.RouteContext.RulePriorities;
import org.keepalived4j.config.bind.route.RouteParsing;
import org.keepalived4j.config.bind.route.RuleParsing;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.parser.Node;

/**
 * Route and rule lines of static_routes, virtual_routes, static_rules and virtual_rules, read as
 * keepalived 2.2.7 reads them (alloc_route(), alloc_rule()), with its messages. Empty when
 * keepalived drops the line; a missing parameter aborts the load ({@link org.keepalived4j.config.ConfigAbort}).
 *
 * <p>Rules without a preference are numbered 16384, 16383, ... per family across one load; the
 * numbering belongs to this parser, which {@link BindContext} creates once per load.
 */
public final class RouteRuleParser {
    private final BindContext ctx;
    /** Rules without a preference are numbered per load: this parser lives as long as one load. */
    private final RulePriorities priorities = new RulePriorities();

    RouteRuleParser(BindContext ctx) {
        this.ctx = ctx;
    }

    public static Optional<RouteConfig> parseRoute(Node line, Diagnostics diags, RouteContext context) {
        return RouteParsing.parse(new LineReader(line, diags), context);
    }

    public static Optional<RuleConfig> parseRule(Node line, Diagnostics diags, RouteContext context) {
        return RuleParsing.parse(new LineReader(line, diags), context);
    }

    private RouteContext context(boolean staticEntry) {
        // Root-level track_group blocks are not known here: a named group is taken to exist.
        return new RouteContext(staticEntry, ctx::interfaceExists, g -> true, priorities);
    }

    /** A virtual_routes line. */
    Optional<RouteConfig> route(Node line) {
        return parseRoute(line, ctx.diagnostics(), context(false));
    }

    /** A virtual_rules line. */
    Optional<RuleConfig> rule(Node line) {
        return parseRule(line, ctx.diagnostics(), context(false));
    }

    /** A static_routes line (track_group allowed). */
    Optional<RouteConfig> staticRoute(Node line) {
        return parseRoute(line, ctx.diagnostics(), context(true));
    }

    /** A static_rules line (track_group allowed). */
    Optional<RuleConfig> staticRule(Node line) {
        return parseRule(line, ctx.diagnostics(), context(true));
    }
}
