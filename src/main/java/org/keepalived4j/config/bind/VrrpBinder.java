package org.keepalived4j.config.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.model.Notify;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.TrackedInterface;
import org.keepalived4j.config.model.TrackedScript;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.model.VrrpSyncGroupConfig;
import org.keepalived4j.config.parser.Node;

/**
 * Binds the VRRP root keywords: vrrp_script, vrrp_instance, vrrp_sync_group, static_ipaddress,
 * static_routes, static_rules. Order matters as in keepalived: a track_script can only name a
 * vrrp_script defined earlier in the file.
 */
final class VrrpBinder {
    private static final long HZ = BindContext.TIMER_HZ;

    private final BindContext ctx;
    final Map<String, VrrpScriptConfig> scripts = new LinkedHashMap<>();
    final List<VrrpInstanceBinder.InstanceDraft> instances = new ArrayList<>();
    final List<VrrpSyncGroupConfig> syncGroups = new ArrayList<>();
    final List<VipAddress> staticAddresses = new ArrayList<>();
    final List<RouteConfig> staticRoutes = new ArrayList<>();
    final List<RuleConfig> staticRules = new ArrayList<>();
    final TrackFileBinder trackFiles;

    VrrpBinder(BindContext ctx) {
        this.ctx = ctx;
        this.trackFiles = new TrackFileBinder(ctx);
    }

    /** @return false when the keyword is not one of this binder's */
    boolean bind(Node n) {
        switch (n.keyword()) {
            case "vrrp_instance" -> instance(n);
            case "vrrp_script" -> script(n);
            case "track_file" -> trackFiles.block(n, false);
            case "vrrp_track_file" -> trackFiles.block(n, true);
            case "vrrp_sync_group" -> syncGroup(n);
            case "static_ipaddress" -> n.children().forEach(c -> AddressParser.parse(ctx, c, true)
                    .ifPresent(staticAddresses::add));
            case "static_routes" -> n.children().forEach(c -> ctx.routes().staticRoute(c)
                    .ifPresent(staticRoutes::add));
            case "static_rules" -> n.children().forEach(c -> ctx.routes().staticRule(c)
                    .ifPresent(staticRules::add));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void instance(Node n) {
        if (n.args().size() != 1) {
            ctx.error(n, "vrrp_instance must have a name");
            return;
        }
        String name = n.arg(0);
        if (instances.stream().anyMatch(i -> i.name.equals(name))) {
            ctx.error(n, "vrrp instance " + name + " already defined");
            return;
        }
        instances.add(new VrrpInstanceBinder(ctx, scripts, trackFiles, List.copyOf(instances)).bind(n));
    }

    private void script(Node block) {
        String name = block.arg(0);
        if (name == null) {
            ctx.error(block, "vrrp_script must have a name");
            return;
        }
        Optional<Script> script = Optional.empty();
        long interval = HZ;
        OptionalLong timeout = OptionalLong.empty();
        int weight = 0;
        boolean reverse = false;
        int rise = 1;
        int fall = 1;
        boolean initFail = false;
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        for (Node n : block.children()) {
            switch (n.keyword()) {
                case "script" -> script = Scripts.parse(ctx, n);
                case "interval" -> {
                    OptionalLong v = ctx.readDecimal(n, ctx.require(n, 1), 0, 0xffff_ffffL, 6);
                    if (v.isEmpty()) {
                        ctx.error(n, "(" + name + "): vrrp script interval '" + n.arg(0) + "' must be between 1 and "
                                + 0xffff_ffffL / HZ + " - ignoring");
                    } else if (v.getAsLong() == 0) {
                        ctx.error(n, "(" + name + "): vrrp script interval must be greater than 0, setting to 1");
                        interval = HZ;
                    } else {
                        interval = v.getAsLong();
                    }
                }
                case "timeout" -> {
                    OptionalLong v = ctx.readDecimal(n, ctx.require(n, 1), 0, 0xffff_ffffL, 6);
                    if (v.isEmpty()) {
                        ctx.error(n, "(" + name + "): vrrp script timeout '" + n.arg(0) + "' invalid - ignoring");
                    } else if (v.getAsLong() == 0) {
                        ctx.error(n, "(" + name + "): vrrp script timeout must be greater than 0, setting to 1");
                        timeout = OptionalLong.of(HZ);
                    } else {
                        timeout = OptionalLong.of(v.getAsLong());
                    }
                }
                case "weight" -> {
                    OptionalLong v = ctx.readInt(n, ctx.require(n, 1), -253, 253);
                    if (v.isEmpty()) {
                        ctx.error(n, "vrrp_script " + name + " weight " + n.arg(0) + " must be in [-253, 253]");
                    } else {
                        weight = (int) v.getAsLong();
                    }
                    if (n.args().size() > 1) {
                        if (n.arg(1).equals("reverse")) {
                            reverse = true;
                        } else {
                            ctx.error(n, "vrrp_script " + name + " unknown weight option " + n.arg(1));
                        }
                    }
                }
                case "rise" -> rise = count(n, name, "rise", rise);
                case "fall" -> fall = count(n, name, "fall", fall);
                case "user" -> {
                    user = Optional.of(ctx.require(n, 1));
                    group = Optional.ofNullable(n.arg(1));
                }
                case "init_fail" -> initFail = true;
                default -> ctx.notImplemented("vrrp_script " + name, block);
            }
        }
        if (script.isEmpty()) {
            ctx.errorAtEnd(block, "No script set for vrrp_script " + name + " - removing");
            return;
        }
        Script s = script.get();
        if (user.isPresent()) {
            s = new Script(s.args(), user, group, s.origin());
        }
        scripts.put(name, new VrrpScriptConfig(name, s, interval, timeout.orElse(interval), weight, reverse, rise,
                fall, initFail, block.origin()));
    }

    private int count(Node n, String name, String what, int dflt) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 1, Integer.MAX_VALUE);
        if (v.isEmpty()) {
            ctx.error(n, "(" + name + "): vrrp script " + what + " value '" + n.arg(0) + "' invalid, defaulting to 1");
            return 1;
        }
        return (int) v.getAsLong();
    }

    private void syncGroup(Node block) {
        String name = block.arg(0);
        if (name == null) {
            ctx.error(block, "vrrp_sync_group must have a name");
            return;
        }
        if (syncGroups.stream().anyMatch(g -> g.name().equals(name))) {
            ctx.error(block, "vrrp sync group " + name + " already defined");
            return;
        }
        List<String> members = new ArrayList<>();
        List<TrackedInterface> trackIfs = new ArrayList<>();
        List<TrackedScript> trackScripts = new ArrayList<>();
        List<org.keepalived4j.config.model.TrackedFile> trackFileList = new ArrayList<>();
        Map<String, Optional<Script>> notify = new LinkedHashMap<>();
        Optional<Boolean> smtp = Optional.empty();
        boolean trackingWeight = false;
        for (Node n : block.children()) {
            switch (n.keyword()) {
                case "group" -> n.children().forEach(c -> members.addAll(c.words()));
                case "track_interface" -> n.children().forEach(c -> Tracking.trackInterface(ctx, name, c)
                        .ifPresent(trackIfs::add));
                case "track_script" -> n.children().forEach(c -> Tracking.trackScript(ctx, name, c, scripts)
                        .ifPresent(trackScripts::add));
                case "track_file" -> n.children().forEach(c -> trackFiles.tracked(name, c).ifPresent(trackFileList::add));
                case "sync_group_tracking_weight" -> trackingWeight = true;
                case "global_tracking" -> {
                    ctx.error(n, "(" + name + ") global_tracking is deprecated. Use track_interface/script/file on the"
                            + " sync group");
                    trackingWeight = true;
                }
                case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" -> {
                    if (notify.containsKey(n.keyword())) {
                        // vrrp_gnotify_*_handler()
                        ctx.error(n, "vrrp group " + name + ": " + n.keyword() + " script already specified - ignoring "
                                + n.arg(0));
                    } else {
                        notify.put(n.keyword(), Scripts.parse(ctx, n));
                    }
                }
                case "smtp_alert" -> smtp = ctx.flag(n, "Invalid vrrp_group smtp_alert parameter " + n.arg(0));
                default -> ctx.notImplemented("vrrp_sync_group " + name, n);
            }
        }
        Notify scriptsOf = new Notify(get(notify, "notify_master"), get(notify, "notify_backup"),
                get(notify, "notify_fault"), get(notify, "notify_stop"), Optional.empty(), get(notify, "notify"));
        syncGroups.add(new VrrpSyncGroupConfig(name, members, trackIfs, trackScripts, trackFileList, scriptsOf, smtp,
                trackingWeight, block.origin()));
    }

    private static Optional<Script> get(Map<String, Optional<Script>> m, String k) {
        return m.getOrDefault(k, Optional.empty());
    }
}
