package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.Notify;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.TrackedInterface;
import org.keepalived4j.config.model.TrackedScript;
import org.keepalived4j.config.model.UnicastPeer;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.model.VrrpState;
import org.keepalived4j.config.parser.Node;
import org.keepalived4j.util.IpAddresses;

/**
 * Binds one {@code vrrp_instance} block (handlers of keepalived/vrrp/vrrp_parser.c, same
 * messages). {@link InstanceDraft#complete} then applies vrrp_complete_instance()'s rules.
 */
final class VrrpInstanceBinder {
    private static final long HZ = BindContext.TIMER_HZ;

    private final BindContext ctx;
    private final Map<String, VrrpScriptConfig> scripts;

    private final List<InstanceDraft> earlier;
    private final TrackFileBinder trackFiles;

    VrrpInstanceBinder(BindContext ctx, Map<String, VrrpScriptConfig> scriptsSoFar, TrackFileBinder trackFiles) {
        this(ctx, scriptsSoFar, trackFiles, List.of());
    }

    /** @param earlierInstances the instances bound before this one (a VMAC name may be used once) */
    VrrpInstanceBinder(BindContext ctx, Map<String, VrrpScriptConfig> scriptsSoFar, TrackFileBinder trackFiles,
                       List<InstanceDraft> earlierInstances) {
        this.trackFiles = trackFiles;
        this.ctx = ctx;
        this.scripts = scriptsSoFar;
        this.earlier = earlierInstances;
    }

    InstanceDraft bind(Node block) {
        InstanceDraft d = new InstanceDraft(block.arg(0), block.origin());
        for (Node n : block.children()) {
            keyword(d, n);
        }
        VmacParser.endOfBlock(ctx, block, d.vmac, d.iface.isPresent());
        return d;
    }

    private void keyword(InstanceDraft d, Node n) {
        String name = d.name;
        switch (n.keyword()) {
            case "state" -> {
                String s = ctx.require(n, 1);
                if (s.equals("MASTER")) {
                    d.state = Optional.of(VrrpState.MASTER);
                } else if (s.equals("BACKUP")) {
                    if (d.state.equals(Optional.of(VrrpState.MASTER))) {
                        ctx.error(n, "(" + name + ") state previously set as MASTER - ignoring BACKUP");
                    } else {
                        d.state = Optional.of(VrrpState.BACKUP);
                    }
                } else {
                    ctx.error(n, "(" + name + ") unknown state '" + s + "', defaulting to BACKUP");
                    d.state = Optional.of(VrrpState.BACKUP);
                }
            }
            case "interface" -> {
                String ifname = ctx.require(n, 1);
                if (ifname.length() >= 16) {
                    ctx.error(n, "Interface name '" + ifname + "' too long - ignoring");
                } else if (ifname.equals("lo")) {
                    ctx.error(n, "(" + name + ") cannot use a loopback interface (" + ifname + ") for vrrp - ignoring");
                } else {
                    if (!ctx.interfaceExists(ifname)) {
                        ctx.error(n, "WARNING - interface " + ifname + " for vrrp_instance " + name + " doesn't exist");
                        d.missingInterface = true;
                    }
                    d.iface = Optional.of(ifname);
                }
            }
            case "virtual_router_id" -> {
                OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 1, 255);
                if (v.isEmpty()) {
                    ctx.error(n, "(" + name + "): VRID '" + n.arg(0) + "' not valid - must be between 1 & 255");
                } else {
                    d.vrid = (int) v.getAsLong();
                }
            }
            case "priority" -> {
                OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 1, 255);
                if (v.isEmpty()) {
                    ctx.error(n, "(" + name + ") Priority not valid! must be between 1 & 255. Using default 100");
                    d.priority = 100;
                } else {
                    d.priority = (int) v.getAsLong();
                }
            }
            case "advert_int" -> {
                OptionalLong v = ctx.readDecimal(n, ctx.require(n, 1), HZ / 100, 255 * HZ, 6);
                if (v.isEmpty() || v.getAsLong() <= 0) {
                    ctx.error(n, "(" + name + ") Advert interval (" + n.arg(0) + ") not valid! Must be > 0 - ignoring");
                } else {
                    d.advertInt = v.getAsLong();
                }
            }
            case "version" -> {
                OptionalLong v = ctx.readInt(n, ctx.require(n, 1), 2, 3);
                if (v.isEmpty()) {
                    ctx.error(n, "(" + name + "): Version must be either 2 or 3");
                } else {
                    d.version = OptionalInt.of((int) v.getAsLong());
                }
            }
            case "nopreempt" -> d.nopreempt = true;
            case "preempt" -> d.nopreempt = false;
            case "preempt_delay" -> {
                OptionalLong v = ctx.readDecimal(n, ctx.require(n, 1), 0, 1000 * HZ, 6);
                if (v.isEmpty()) {
                    ctx.error(n, "(" + name + ") Preempt_delay not valid! must be between 0-1000");
                    d.preemptDelay = 0;
                } else {
                    d.preemptDelay = v.getAsLong();
                }
            }
            case "authentication" -> authentication(d, n);
            case "virtual_ipaddress" -> n.children().forEach(c -> AddressParser.parse(ctx, c, false).ifPresent(d.vips::add));
            case "virtual_ipaddress_excluded" -> n.children()
                    .forEach(c -> AddressParser.parse(ctx, c, false).ifPresent(d.evips::add));
            case "unicast_src_ip", "mcast_src_ip" -> sourceAddress(d, n);
            case "unicast_peer" -> n.children().forEach(c -> unicastPeer(d, c));
            case "unicast_ttl" -> {
                OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 255);
                if (v.isEmpty()) {
                    ctx.error(n, "(" + name + "): TTL '" + n.arg(0) + "' not valid - must be between 0 & 255");
                } else {
                    d.unicastTtl = OptionalInt.of((int) v.getAsLong());
                }
            }
            case "mcast_dst_ip" -> {
                Optional<InetAddress> a = IpAddresses.parse(ctx.require(n, 1));
                if (a.isEmpty() || !a.get().isMulticastAddress()) {
                    ctx.error(n, "(" + name + ") mcast_dst_ip " + n.arg(0) + " is not a multicast address - ignoring");
                } else {
                    d.mcastDst = a;
                }
            }
            case "track_interface" -> n.children().forEach(c -> Tracking.trackInterface(ctx, name, c).ifPresent(d.trackIfs::add));
            case "track_script" -> n.children().forEach(c -> Tracking.trackScript(ctx, name, c, scripts).ifPresent(d.trackScripts::add));
            case "dont_track_primary" -> d.dontTrackPrimary = true;
            case "track_file" -> n.children().forEach(c -> trackFiles.tracked(name, c).ifPresent(d.trackFiles::add));
            case "notify_master" -> d.notify(ctx, n, "master");
            case "notify_backup" -> d.notify(ctx, n, "backup");
            case "notify_fault" -> d.notify(ctx, n, "fault");
            case "notify_stop" -> d.notify(ctx, n, "stop");
            case "notify_deleted" -> d.notify(ctx, n, "deleted");
            case "notify" -> d.notify(ctx, n, "");
            case "smtp_alert" -> ctx.flag(n, "(" + name + ") invalid smtp_alert " + n.arg(0) + " specified")
                    .ifPresent(b -> d.smtpAlert = Optional.of(b));
            case "garp_master_delay" -> garpSeconds(n, "garp_master_delay").ifPresent(v -> d.garpDelay = OptionalLong.of(v * HZ));
            case "garp_master_repeat" -> garpCount(n, "garp_master_repeat").ifPresent(v -> d.garpRepeat = OptionalInt.of(v));
            case "garp_master_refresh" -> garpSeconds(n, "garp_master_refresh").ifPresent(v -> d.garpRefresh = OptionalLong.of(v * HZ));
            case "garp_master_refresh_repeat" -> garpCount(n, "garp_master_refresh_repeat")
                    .ifPresent(v -> d.garpRefreshRepeat = OptionalInt.of(v));
            case "garp_lower_prio_delay" -> garpSeconds(n, "garp_lower_prio_delay")
                    .ifPresent(v -> d.lowerPrioDelay = OptionalLong.of(v * HZ));
            case "garp_lower_prio_repeat" -> garpCount(n, "garp_lower_prio_repeat")
                    .ifPresent(v -> d.lowerPrioRepeat = OptionalInt.of(v));
            case "down_timer_adverts" -> {
                OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 1, 100);
                if (v.isEmpty()) {
                    ctx.error(n, "(" + name + "): Invalid down_timer_adverts [1:100] '" + n.arg(0) + "'");
                } else {
                    d.downTimerAdverts = OptionalInt.of((int) v.getAsLong());
                    d.downTimerAdvertsNode = n;
                }
            }
            case "accept" -> d.accept = Optional.of(true);
            case "no_accept" -> d.accept = Optional.of(false);
            case "strict_mode" -> ctx.flag(n, "(" + name + ") invalid strict_mode " + n.arg(0) + " specified")
                    .ifPresent(b -> d.strict = Optional.of(b));
            case "skip_check_adv_addr" -> ctx.flag(n, "(" + name + ") invalid skip_check_adv_addr " + n.arg(0)
                    + " specified").ifPresent(b -> d.skipCheckAdvAddr = Optional.of(b));
            case "lower_prio_no_advert" -> ctx.flag(n, "(" + name + ") invalid lower_prio_no_advert " + n.arg(0)
                    + " specified").ifPresent(b -> d.lowerPrioNoAdvert = Optional.of(b));
            case "higher_prio_send_advert" -> ctx.flag(n, "(" + name + ") invalid higher_prio_send_advert "
                    + n.arg(0) + " specified").ifPresent(b -> d.higherPrioSendAdvert = Optional.of(b));
            case "virtual_routes" -> n.children().forEach(c -> ctx.routes().route(c).ifPresent(d.routes::add));
            case "virtual_rules" -> n.children().forEach(c -> ctx.routes().rule(c).ifPresent(d.rules::add));
            case "lvs_sync_daemon_interface" -> {
                ctx.error(n, "(" + name + ") Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
                ctx.error(n, "      " + " ".repeat(Math.max(0, name.length() - 2)) + "Please use global lvs_sync_daemon");
                d.lvsSyncDaemonInterface = Optional.of(ctx.require(n, 1));
            }
            case "use_vmac" -> VmacParser.useVmac(ctx, n, d.vmac, earlier.stream().map(e -> e.vmac).toList());
            case "vmac_xmit_base" -> d.vmac.xmitBase = true;
            default -> ctx.notImplemented("vrrp_instance " + name, n);
        }
    }

    private void authentication(InstanceDraft d, Node block) {
        Authentication.Type type = null;
        String pass = "";
        for (Node n : block.children()) {
            if (n.keyword().equals("auth_type")) {
                String t = ctx.require(n, 1);
                if (t.equals("AH")) {
                    type = Authentication.Type.AH;
                } else if (t.equals("PASS")) {
                    type = Authentication.Type.PASS;
                } else {
                    ctx.error(n, "(" + d.name + ") unknown authentication type '" + t + "'");
                }
            } else if (n.keyword().equals("auth_pass")) {
                String p = ctx.require(n, 1);
                if (p.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length > 8) {
                    ctx.error(n, "Truncating auth_pass to 8 characters");
                    p = p.substring(0, 8);
                }
                pass = p;
            }
        }
        if (type != null) {
            d.auth = Optional.of(new Authentication(type, pass, block.origin()));
        }
    }

    private void sourceAddress(InstanceDraft d, Node n) {
        String s = ctx.require(n, 1);
        Optional<InetAddress> a = IpAddresses.parse(s);
        if (a.isEmpty()) {
            ctx.error(n, "Configuration error: VRRP instance[" + d.name + "] malformed unicast src address["
                    + s + "]. Skipping...");
        } else {
            d.source = a;
        }
    }

    private void unicastPeer(InstanceDraft d, Node c) {
        Optional<InetAddress> a = IpAddresses.parse(c.keyword());
        if (a.isEmpty()) {
            ctx.error(c, "Configuration error: VRRP instance[" + d.name + "] malformed unicast peer address["
                    + c.keyword() + "]. Skipping...");
            return;
        }
        OptionalInt min = OptionalInt.empty();
        OptionalInt max = OptionalInt.empty();
        for (int i = 0; i + 1 < c.args().size(); i += 2) {
            String k = c.arg(i);
            OptionalLong v = ctx.readUnsigned(c, c.arg(i + 1), 0, 255);
            if (k.equals("min_ttl") && v.isPresent()) {
                min = OptionalInt.of((int) v.getAsLong());
            } else if (k.equals("max_ttl") && v.isPresent()) {
                max = OptionalInt.of((int) v.getAsLong());
            } else {
                ctx.error(c, "Unknown unicast_peer option " + k);
            }
        }
        d.peers.add(new UnicastPeer(a.get(), min, max, c.origin()));
    }

    private OptionalLong garpSeconds(Node n, String what) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 0xffff_ffffL / HZ);
        if (v.isEmpty()) {
            ctx.error(n, what + " '" + n.arg(0) + "' invalid - ignoring");
        }
        return v;
    }

    private OptionalInt garpCount(Node n, String what) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, Integer.MAX_VALUE);
        if (v.isEmpty()) {
            ctx.error(n, what + " '" + n.arg(0) + "' invalid - ignoring");
            return OptionalInt.empty();
        }
        if (v.getAsLong() == 0) {
            ctx.error(n, what + " must be greater than 0, setting to 1");
            return OptionalInt.of(1);
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    /** The mutable state of one instance while its block is read. */
    static final class InstanceDraft {
        final String name;
        final org.keepalived4j.config.Origin origin;
        Optional<VrrpState> state = Optional.empty();
        Optional<String> iface = Optional.empty();
        boolean missingInterface;
        int vrid;
        int priority;
        long advertInt;
        OptionalInt version = OptionalInt.empty();
        boolean nopreempt;
        long preemptDelay;
        Optional<Authentication> auth = Optional.empty();
        final List<VipAddress> vips = new ArrayList<>();
        final List<VipAddress> evips = new ArrayList<>();
        Optional<InetAddress> source = Optional.empty();
        final List<UnicastPeer> peers = new ArrayList<>();
        OptionalInt unicastTtl = OptionalInt.empty();
        Optional<InetAddress> mcastDst = Optional.empty();
        final List<TrackedInterface> trackIfs = new ArrayList<>();
        final List<TrackedScript> trackScripts = new ArrayList<>();
        final List<org.keepalived4j.config.model.TrackedFile> trackFiles = new ArrayList<>();
        boolean dontTrackPrimary;
        Optional<Script> notifyMaster = Optional.empty();
        Optional<Script> notifyBackup = Optional.empty();
        Optional<Script> notifyFault = Optional.empty();
        Optional<Script> notifyStop = Optional.empty();
        Optional<Script> notifyDeleted = Optional.empty();
        Optional<Script> notifyGeneric = Optional.empty();
        Optional<Boolean> smtpAlert = Optional.empty();
        OptionalLong garpDelay = OptionalLong.empty();
        OptionalInt garpRepeat = OptionalInt.empty();
        OptionalLong garpRefresh = OptionalLong.empty();
        OptionalInt garpRefreshRepeat = OptionalInt.empty();
        OptionalLong lowerPrioDelay = OptionalLong.empty();
        OptionalInt lowerPrioRepeat = OptionalInt.empty();
        Optional<Boolean> accept = Optional.empty();
        OptionalInt downTimerAdverts = OptionalInt.empty();
        Node downTimerAdvertsNode;
        Optional<Boolean> strict = Optional.empty();
        Optional<Boolean> skipCheckAdvAddr = Optional.empty();
        Optional<Boolean> lowerPrioNoAdvert = Optional.empty();
        Optional<Boolean> higherPrioSendAdvert = Optional.empty();
        final List<RouteConfig> routes = new ArrayList<>();
        final List<RuleConfig> rules = new ArrayList<>();
        Optional<String> lvsSyncDaemonInterface = Optional.empty();
        final VmacParser.Draft vmac;

        InstanceDraft(String name, org.keepalived4j.config.Origin origin) {
            this.name = name;
            this.origin = origin;
            this.vmac = new VmacParser.Draft(name);
        }

        void notify(BindContext ctx, Node n, String which) {
            String kw = which.isEmpty() ? "notify" : "notify_" + which;
            Optional<Script> existing = switch (which) {
                case "master" -> notifyMaster;
                case "backup" -> notifyBackup;
                case "fault" -> notifyFault;
                case "stop" -> notifyStop;
                case "deleted" -> notifyDeleted;
                default -> notifyGeneric;
            };
            if (existing.isPresent()) {
                ctx.error(n, "(" + name + ") " + kw + " script already specified - ignoring " + n.arg(0));
                return;
            }
            if (which.equals("deleted") && n.args().isEmpty()) {
                notifyDeleted = Optional.empty();
                return;
            }
            Optional<Script> s = Scripts.parse(ctx, n);
            switch (which) {
                case "master" -> notifyMaster = s;
                case "backup" -> notifyBackup = s;
                case "fault" -> notifyFault = s;
                case "stop" -> notifyStop = s;
                case "deleted" -> notifyDeleted = s;
                default -> notifyGeneric = s;
            }
        }

        Notify notifyScripts() {
            return new Notify(notifyMaster, notifyBackup, notifyFault, notifyStop, notifyDeleted, notifyGeneric);
        }

        boolean strictMode(GlobalDefs g) {
            return strict.orElse(g.vrrpStrict());
        }
    }
}
