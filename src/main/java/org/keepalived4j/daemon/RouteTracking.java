package org.keepalived4j.daemon;

import java.util.Optional;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;

/**
 * Routes and rules are installed and removed, but keepalived also watches them: a tracked
 * virtual route or rule deleted by someone else makes its instance leave MASTER, a deleted static
 * one is restored or, with track_group, faults its instances. That watching is not built yet.
 */
final class RouteTracking {
    private RouteTracking() {
    }

    static Optional<String> warning(KeepalivedConfig cfg) {
        boolean tracked = cfg.vrrpInstances().stream().anyMatch(i -> i.virtualRoutes().stream()
                .anyMatch(RouteConfig::track) || i.virtualRules().stream().anyMatch(RuleConfig::track))
                || !cfg.staticRoutes().isEmpty() || !cfg.staticRules().isEmpty() || !cfg.staticAddresses().isEmpty();
        return tracked ? Optional.of("WARNING - watching routes, rules and static addresses for deletion by other"
                + " programs (keepalived restores them or leaves MASTER; track_group) is NOT IMPLEMENTED in this build"
                + " - they are installed and removed only") : Optional.empty();
    }
}
