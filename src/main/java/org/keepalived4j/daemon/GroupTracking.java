package org.keepalived4j.daemon;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.model.VrrpSyncGroupConfig;
import org.keepalived4j.vrrp.port.GroupListener;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.runtime.InstanceRuntime;
import org.keepalived4j.vrrp.runtime.SyncGroups;
import org.keepalived4j.vrrp.runtime.SyncTracking;
import org.keepalived4j.vrrp.runtime.TrackedObjects;
import org.keepalived4j.vrrp.track.Tracked;

/**
 * What an instance tracks once sync groups are taken into account, and the groups over the
 * running instances, with keepalived's configuration lines (vrrp_complete_instance(),
 * sync_group_tracking_init()) logged when they are made. Loop thread only.
 */
final class GroupTracking {
    /** The vrrp_scripts and track files of the configuration in force. */
    record Trackers(Map<String, VrrpScriptConfig> scripts, Predicate<String> runnable,
                    Map<String, TrackFileConfig> files) {
    }

    private final LogPort log;
    private final GroupListener listener;

    GroupTracking(LogPort log, GroupListener listener) {
        this.log = log;
        this.listener = listener;
    }

    /** What instance {@code i} of {@code cfg} tracks; a sync group member as keepalived makes it. */
    List<Tracked> itemsFor(KeepalivedConfig cfg, VrrpInstanceConfig i, List<String> ownLinks, Trackers t) {
        List<Tracked> own = TrackedObjects.itemsOf(i, ownLinks, t.scripts(), t.runnable(), t.files());
        Optional<VrrpSyncGroupConfig> g = cfg.syncGroups().stream().filter(x -> x.members().contains(i.name()))
                .findFirst();
        if (g.isEmpty()) {
            return own;
        }
        SyncTracking.Result res = SyncTracking.member(i.name(), own, g.get(), ownerIn(g.get(), cfg), t.scripts(),
                t.runnable(), t.files());
        res.lines().forEach(log::info);
        return res.items();
    }

    /** The sync groups of {@code cfg} over the instances that run. */
    SyncGroups groups(KeepalivedConfig cfg, List<InstanceRuntime> instances, Trackers t) {
        for (VrrpSyncGroupConfig g : cfg.syncGroups()) {
            if (ownerIn(g, cfg)) {
                SyncTracking.ownerLines(g, t.scripts(), t.runnable(), t.files()).forEach(log::info);
            }
        }
        return new SyncGroups(cfg.syncGroups(), instances, log, listener);
    }

    private static boolean ownerIn(VrrpSyncGroupConfig g, KeepalivedConfig cfg) {
        return cfg.vrrpInstances().stream().anyMatch(i -> g.members().contains(i.name()) && i.priority() == 255);
    }
}
