package org.keepalived4j.config.model;

import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.Origin;

/**
 * {@code vrrp_sync_group NAME { group { VI_1 VI_2 } track_* notify_* ... }}.
 *
 * @param trackFiles     the group's track_file entries (added to every member)
 * @param trackingWeight {@code sync_group_tracking_weight} (or the deprecated {@code global_tracking}):
 *                       members keep their own weighted tracked objects
 */
public record VrrpSyncGroupConfig(String name, List<String> members, List<TrackedInterface> trackInterfaces,
                                  List<TrackedScript> trackScripts, List<TrackedFile> trackFiles, Notify notifyScripts,
                                  Optional<Boolean> smtpAlert, boolean trackingWeight, Origin origin) {
    public VrrpSyncGroupConfig {
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
    }

    /** The same group with only these members (validation drops unknown or doubly used names). */
    public VrrpSyncGroupConfig withMembers(List<String> m) {
        return new VrrpSyncGroupConfig(name, m, trackInterfaces, trackScripts, trackFiles, notifyScripts, smtpAlert,
                trackingWeight, origin);
    }
}
