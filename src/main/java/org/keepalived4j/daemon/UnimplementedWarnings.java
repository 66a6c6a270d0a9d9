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
            if (i.vmac().isPresent()) {
                out.add("WARNING - (" + i.name() + ") use_vmac: the nftables rules keepalived adds to stop IGMP/MLD"
                        + " reports leaving the VMAC interface are NOT IMPLEMENTED in this build");
            }
        });
        if (cfg.global().notifyFifo().isPresent() && !cfg.virtualServers().isEmpty()) {
            out.add("WARNING - notify_fifo: the checker lines (VS/RS UP/DOWN) are NOT IMPLEMENTED in this build"
                    + " - only VRRP states are written");
        }
        RouteTracking.warning(cfg).ifPresent(out::add);
        return out;
    }
}
