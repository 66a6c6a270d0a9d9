package org.keepalived4j.vrrp.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.TrackedFile;
import org.keepalived4j.config.model.TrackedInterface;
import org.keepalived4j.config.model.TrackedScript;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.model.VrrpSyncGroupConfig;
import org.keepalived4j.vrrp.sync.SyncMessages;
import org.keepalived4j.vrrp.track.Tracked;

/**
 * What a sync group member tracks (keepalived's vrrp_complete_instance() and
 * sync_group_tracking_init()): unless the group has {@code sync_group_tracking_weight}, the
 * member's own weighted objects are neutralised (interfaces weight 0, scripts dropped, files
 * with the default weight 1 made unweighted, other weighted files dropped), each with
 * keepalived's line; then the group's track_interface / track_script / track_file entries are
 * added to every member with the group's weights (cleared when a member is an address owner).
 * Pure.
 */
public final class SyncTracking {

    /** The member's tracked objects and the lines to log once at configuration time. */
    public record Result(List<Tracked> items, List<String> lines) {
    }

    private SyncTracking() {
    }

    /**
     * @param own          the member's tracked objects as {@link TrackedObjects#itemsOf} resolves them
     * @param ownerInGroup some member of the group has priority 255
     */
    public static Result member(String instance, List<Tracked> own, VrrpSyncGroupConfig g, boolean ownerInGroup,
                                Map<String, VrrpScriptConfig> scripts, Predicate<String> runnable,
                                Map<String, TrackFileConfig> files) {
        List<String> lines = new ArrayList<>();
        List<Tracked> out = new ArrayList<>();
        for (Tracked t : own) {
            if (g.trackingWeight() || t.weight() == 0) {
                out.add(t);
            } else if (t.kind() == Tracked.Kind.INTERFACE) {
                lines.add(SyncMessages.ignoringInterfaceWeight(instance, t.name()));
                out.add(new Tracked(t.kind(), t.name(), 0, t.reverse()));
            } else if (t.kind() == Tracked.Kind.SCRIPT) {
                lines.add(SyncMessages.ignoringScript(instance, t.name()));
            } else if (t.weight() == 1) {
                lines.add(SyncMessages.ignoringFileDefaultWeight(instance, t.name()));
                out.add(new Tracked(t.kind(), t.name(), 0, t.reverse()));
            } else {
                lines.add(SyncMessages.ignoringFileWeight(instance, t.name(), t.weight()));
            }
        }
        for (Tracked t : groupItems(g, scripts, runnable, files)) {
            out.removeIf(o -> o.kind() == t.kind() && o.name().equals(t.name()));
            out.add(ownerInGroup && t.weight() != 0 ? new Tracked(t.kind(), t.name(), 0, t.reverse()) : t);
        }
        return new Result(List.copyOf(out), List.copyOf(lines));
    }

    /** The group's own tracked objects, resolved as an instance's are. */
    static List<Tracked> groupItems(VrrpSyncGroupConfig g, Map<String, VrrpScriptConfig> scripts,
                                    Predicate<String> runnable, Map<String, TrackFileConfig> files) {
        List<Tracked> out = new ArrayList<>();
        for (TrackedInterface t : g.trackInterfaces()) {
            out.add(Tracked.iface(t.name(), t.weight(), t.reverse()));
        }
        for (TrackedScript t : g.trackScripts()) {
            VrrpScriptConfig s = scripts.get(t.name());
            if (s != null && runnable.test(t.name())) {
                out.add(Tracked.script(t.name(), t.weight().orElse(s.weight()),
                        t.weight().isPresent() ? t.reverse() : s.weightReverse()));
            }
        }
        for (TrackedFile t : g.trackFiles()) {
            TrackFileConfig f = files.get(t.name());
            if (f != null) {
                out.add(Tracked.file(t.name(), t.weight().orElse(f.weight()), t.reverse().orElse(f.reverse())));
            }
        }
        return out;
    }

    /** sync_group_tracking_init(): the lines for a group whose member is an address owner. */
    public static List<String> ownerLines(VrrpSyncGroupConfig g, Map<String, VrrpScriptConfig> scripts,
                                          Predicate<String> runnable, Map<String, TrackFileConfig> files) {
        List<String> lines = new ArrayList<>();
        for (Tracked t : groupItems(g, scripts, runnable, files)) {
            if (t.weight() != 0) {
                String kind = switch (t.kind()) {
                    case SCRIPT -> "script";
                    case FILE -> "file";
                    case INTERFACE -> "interface";
                };
                lines.add(SyncMessages.ownerClearsGroupWeight(g.name(), kind, t.name()));
            }
        }
        return lines;
    }
}
