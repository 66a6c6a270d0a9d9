package org.keepalived4j.vrrp.port;

import java.io.IOException;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;

/**
 * Installs and removes routes and policy rules (rtnetlink in production), one request each,
 * waiting for the kernel's answer. Every failure is an {@link IOException} whose message names
 * the request and the errno; the exceptions to that are keepalived's: adding a route that is
 * already there succeeds, and {@link #removeRule(RuleConfig, boolean)} of a leftover may find
 * nothing.
 */
public interface RoutePort {
    /** RTM_NEWROUTE as the route's insert mode says (prepend by default, {@code add}, {@code append}). */
    void addRoute(RouteConfig route) throws IOException;

    /** RTM_NEWROUTE with NLM_F_REPLACE: a reload swaps a route for its new version in place. */
    void replaceRoute(RouteConfig route) throws IOException;

    void removeRoute(RouteConfig route) throws IOException;

    /** RTM_NEWRULE (NLM_F_EXCL: a rule that is already there is an error). */
    void addRule(RuleConfig rule) throws IOException;

    /**
     * RTM_DELRULE.
     *
     * @param leftover clearing what a previous run may have left: a missing rule is no error
     */
    void removeRule(RuleConfig rule, boolean leftover) throws IOException;
}
