package org.keepalived4j.vrrp.port;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;

/**
 * Records route and rule requests as {@code +route LINE}, {@code -route LINE}, {@code =route LINE}
 * (replace), {@code +rule LINE}, {@code -rule LINE}; requests whose line contains a word of
 * {@link #refuse} fail as the kernel would refuse them.
 */
public final class FakeRoutePort implements RoutePort {
    public final List<String> requests;
    public final Set<String> refuse = new HashSet<>();

    public FakeRoutePort() {
        this(new ArrayList<>());
    }

    /** Records into a list shared with other fakes, to see the order of everything. */
    public FakeRoutePort(List<String> into) {
        this.requests = into;
    }

    private void record(String what, String line) throws IOException {
        requests.add(what + " " + line);
        for (String w : refuse) {
            if ((" " + line + " ").contains(" " + w + " ")) {
                throw new IOException("RTM_TEST " + line + ": ENODEV (No such device)");
            }
        }
    }

    @Override
    public void addRoute(RouteConfig route) throws IOException {
        record("+route", route.display());
    }

    @Override
    public void replaceRoute(RouteConfig route) throws IOException {
        record("=route", route.display());
    }

    @Override
    public void removeRoute(RouteConfig route) throws IOException {
        record("-route", route.display());
    }

    @Override
    public void addRule(RuleConfig rule) throws IOException {
        record("+rule", rule.display());
    }

    @Override
    public void removeRule(RuleConfig rule, boolean leftover) throws IOException {
        record(leftover ? "-leftover-rule" : "-rule", rule.display());
    }
}
