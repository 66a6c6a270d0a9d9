package org.keepalived4j.config.bind;

import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.ConfigAbort;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.HostInfo;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.parser.Node;

/**
 * Turns the block tree into the immutable {@link KeepalivedConfig}: root keywords are
 * dispatched to the global, VRRP and LVS binders in file order (as keepalived's handlers run),
 * then the per-object completion rules run. Keywords keepalived accepts but this
 * implementation does not act on are collected, never silently dropped.
 */
public final class ConfigBinder {
    private ConfigBinder() {
    }

    /**
     * @param endSeq the sequence number for messages keepalived prints after parsing
     */
    public static KeepalivedConfig bind(List<Node> roots, Diagnostics diags, HostInfo host, long endSeq) {
        BindContext ctx = new BindContext(diags, host);
        GlobalBinder global = new GlobalBinder(ctx);
        VrrpBinder vrrp = new VrrpBinder(ctx);
        VirtualServerBinder lvs = new VirtualServerBinder(ctx, vrrp.trackFiles.files);
        try {
            for (Node n : roots) {
                if (n.keyword().equals("global_defs")) {
                    global.bind(n);
                } else if (!vrrp.bind(n) && !lvs.bind(n)) {
                    ctx.notImplemented("", n);
                }
            }
        } catch (ConfigAbort abort) {
            // keepalived exits here (status 2); what was bound so far is returned for -d.
        }
        GlobalDefs g = global.result();
        List<VrrpInstanceConfig> instances = new ArrayList<>();
        if (!diags.aborted()) {
            InstanceCompleter completer = new InstanceCompleter(ctx, g, endSeq);
            for (VrrpInstanceBinder.InstanceDraft d : vrrp.instances) {
                completer.complete(d).ifPresent(instances::add);
            }
        }
        var servers = diags.aborted() ? List.<org.keepalived4j.config.model.VirtualServerConfig>of()
                : new VirtualServerCompleter(diags, endSeq).complete(lvs.servers, lvs.groups);
        return new KeepalivedConfig(g, vrrp.staticAddresses, vrrp.staticRoutes, vrrp.staticRules,
                List.copyOf(vrrp.scripts.values()), vrrp.syncGroups, instances, lvs.groups, servers, ctx.unmodelled(),
                ctx.missingInterfaces(), List.copyOf(vrrp.trackFiles.files.values()));
    }
}
