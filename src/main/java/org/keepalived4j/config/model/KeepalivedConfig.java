package org.keepalived4j.config.model;

import java.util.List;

/**
 * The whole configuration: immutable, built once per load. A reload builds a new one.
 *
 * @param missingInterfaces interfaces the configuration names that did not exist on the host when
 *                          it was loaded (keepalived reports them once, even for lines it dropped)
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
                               List<Unmodelled> unmodelled,
                               java.util.Set<String> missingInterfaces,
                               List<TrackFileConfig> trackFiles) {

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
        missingInterfaces = java.util.Set.copyOf(missingInterfaces);
        trackFiles = List.copyOf(trackFiles);
    }
}
