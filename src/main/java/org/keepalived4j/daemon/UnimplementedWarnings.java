package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.Unmodelled;

/** One loud start-up line per configured feature this build does not implement (never silently ignored). */
final class UnimplementedWarnings {
    private UnimplementedWarnings() {
    }

    static List<String> of(KeepalivedConfig cfg) {
        List<String> out = new ArrayList<>();
        for (Unmodelled u : cfg.unmodelled()) {
            out.add("WARNING - '" + u.path() + "' (" + u.origin() + ") is accepted but NOT IMPLEMENTED in this build"
                    + " - it has no effect");
        }
        cfg.vrrpInstances().forEach(i -> {
            if (i.notifyScripts().all().findAny().isPresent() || !i.trackScripts().isEmpty()
                    || !i.trackInterfaces().isEmpty()) {
                out.add("WARNING - (" + i.name() + ") notify scripts and tracking are NOT IMPLEMENTED in this build"
                        + " - they have no effect");
            }
            if (!i.virtualRoutes().isEmpty() || !i.virtualRules().isEmpty()) {
                out.add("WARNING - (" + i.name() + ") virtual_routes / virtual_rules are NOT IMPLEMENTED in this build"
                        + " - they are not installed");
            }
        });
        if (!cfg.syncGroups().isEmpty()) {
            out.add("WARNING - vrrp_sync_group is NOT IMPLEMENTED in this build: instances run independently");
        }
        if (!cfg.staticAddresses().isEmpty() || !cfg.staticRoutes().isEmpty() || !cfg.staticRules().isEmpty()) {
            out.add("WARNING - static_ipaddress/static_routes/static_rules are NOT IMPLEMENTED in this build");
        }
        return out;
    }
}
