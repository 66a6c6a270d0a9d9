package org.keepalived4j.config.model;

import java.util.List;

/**
 * The whole configuration: immutable, built once per load. A reload builds a new one.
 */
public record KeepalivedConfig(GlobalDefs global,
                               List<VipAddress> staticAddresses,
                               List<RouteConfig> staticRoutes,
                               List<RuleConfig> staticRules,
                               List<VrrpScriptConfig> vrrpScripts,
                               List<VrrpSyncGroupConfig> syncGroups,
                               List<VrrpInstanceConfig> vrrpInstances,
                               List<VirtualServerGroupConfig> virtualServerGroups,
                               List<VirtualServerConfig> virtualServers,
                               List<Unmodelled> unmodelled) {

    public KeepalivedConfig {
        staticAddresses = List.copyOf(staticAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        vrrpScripts = List.copyOf(vrrpScripts);
        syncGroups = List.copyOf(syncGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
        unmodelled = List.copyOf(unmodelled);
    }
}
