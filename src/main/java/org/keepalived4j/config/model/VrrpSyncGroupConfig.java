package org.keepalived4j.config.model;

import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.Origin;

/** {@code vrrp_sync_group NAME { group { VI_1 VI_2 } notify_* ... }}. */
public record VrrpSyncGroupConfig(String name, List<String> members, List<TrackedInterface> trackInterfaces,
                                  List<TrackedScript> trackScripts, Notify notifyScripts, Optional<Boolean> smtpAlert,
                                  Origin origin) {
    public VrrpSyncGroupConfig {
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
    }
}
