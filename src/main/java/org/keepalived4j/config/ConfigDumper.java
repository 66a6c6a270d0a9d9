package org.keepalived4j.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.Unmodelled;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.model.VrrpSyncGroupConfig;

/**
 * {@code -d}: the parsed model in a canonical, readable form with every default made explicit
 * (times in seconds). Two configurations that mean the same produce the same dump.
 */
public final class ConfigDumper {
    private final StringBuilder b = new StringBuilder();
    private int indent;

    private ConfigDumper() {
    }

    public static String dump(KeepalivedConfig c) {
        ConfigDumper d = new ConfigDumper();
        d.config(c);
        return d.b.toString();
    }

    private void line(String s) {
        b.append("  ".repeat(indent)).append(s).append('\n');
    }

    private void open(String s) {
        line(s + " {");
        indent++;
    }

    private void close() {
        indent--;
        line("}");
    }

    private static String secs(long micros) {
        if (micros % 1_000_000 == 0) {
            return Long.toString(micros / 1_000_000);
        }
        String s = String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
        return s.replaceAll("0+$", "");
    }

    private static String ip(InetAddress a) {
        return a.getHostAddress();
    }

    private void opt(String k, Optional<?> v) {
        v.ifPresent(x -> line(k + " " + (x instanceof InetAddress a ? ip(a) : x instanceof Script s ? script(s) : x)));
    }

    private void opt(String k, OptionalLong v) {
        v.ifPresent(x -> line(k + " " + x));
    }

    private void opt(String k, OptionalInt v) {
        v.ifPresent(x -> line(k + " " + x));
    }

    private static String script(Script s) {
        return "\"" + String.join(" ", s.args()) + "\"" + s.user().map(u -> " " + u).orElse("")
                + s.group().map(g -> " " + g).orElse("");
    }

    private void config(KeepalivedConfig c) {
        global(c.global());
        if (!c.staticAddresses().isEmpty()) {
            open("static_ipaddress");
            c.staticAddresses().forEach(a -> line(a.display()));
            close();
        }
        c.staticRoutes().forEach(r -> line("static_route " + String.join(" ", r.words()) + (r.track() ? "" : "  # not tracked")));
        c.staticRules().forEach(r -> line("static_rule " + String.join(" ", r.words())));
        c.vrrpScripts().forEach(this::script);
        c.syncGroups().forEach(this::syncGroup);
        c.vrrpInstances().forEach(this::instance);
        c.virtualServerGroups().forEach(g -> {
            open("virtual_server_group " + g.name());
            g.entries().forEach(e -> line(String.join(" ", e)));
            close();
        });
        c.virtualServers().forEach(this::virtualServer);
        if (!c.unmodelled().isEmpty()) {
            open("not_implemented");
            for (Unmodelled u : c.unmodelled()) {
                line(u.path() + "  # " + u.origin());
            }
            close();
        }
    }

    private void global(GlobalDefs g) {
        open("global_defs");
        opt("router_id", g.routerId());
        if (!g.notificationEmail().isEmpty()) {
            line("notification_email " + String.join(" ", g.notificationEmail()));
        }
        opt("notification_email_from", g.notificationEmailFrom());
        g.smtpServer().ifPresent(s -> line("smtp_server " + s + " " + g.smtpPort()));
        line("smtp_connect_timeout " + secs(g.smtpConnectTimeoutMicros()));
        line("smtp_alert " + g.smtpAlert());
        opt("script_user", g.scriptUser());
        line("enable_script_security " + g.enableScriptSecurity());
        line("vrrp_mcast_group4 " + ip(g.vrrpMcastGroup4()));
        line("vrrp_mcast_group6 " + ip(g.vrrpMcastGroup6()));
        line("vrrp_version " + g.vrrpVersion());
        line("vrrp_garp_master_delay " + secs(g.garp().masterDelayMicros()));
        line("vrrp_garp_master_repeat " + g.garp().masterRepeat());
        line("vrrp_garp_master_refresh " + secs(g.garp().masterRefreshMicros()));
        line("vrrp_strict " + g.vrrpStrict());
        line("dynamic_interfaces " + g.dynamicInterfaces());
        close();
    }

    private void script(VrrpScriptConfig s) {
        open("vrrp_script " + s.name());
        line("script " + script(s.script()));
        line("interval " + secs(s.intervalMicros()));
        line("timeout " + secs(s.timeoutMicros()));
        line("weight " + s.weight() + (s.weightReverse() ? " reverse" : ""));
        line("rise " + s.rise());
        line("fall " + s.fall());
        line("init_fail " + s.initFail());
        close();
    }

    private void syncGroup(VrrpSyncGroupConfig g) {
        open("vrrp_sync_group " + g.name());
        line("group " + String.join(" ", g.members()));
        g.notifyScripts().all().forEach(s -> line("notify " + script(s)));
        close();
    }

    private void instance(VrrpInstanceConfig i) {
        open("vrrp_instance " + i.name());
        line("state " + i.initialState());
        opt("interface", i.interfaceName());
        line("virtual_router_id " + i.vrid());
        line("priority " + i.priority());
        line("advert_int " + secs(i.advertIntMicros()));
        line("version " + i.version());
        line("preempt " + !i.nopreempt());
        line("preempt_delay " + secs(i.preemptDelayMicros()));
        i.authentication().ifPresent(a -> line("authentication " + a.type() + " " + "*".repeat(a.password().length())));
        opt("unicast_src_ip", i.sourceAddress());
        i.unicastPeers().forEach(p -> line("unicast_peer " + ip(p.address())));
        list("virtual_ipaddress", i.virtualIpAddresses());
        list("virtual_ipaddress_excluded", i.excludedVirtualIpAddresses());
        i.trackInterfaces().forEach(t -> line("track_interface " + t.name() + " weight " + t.weight()
                + (t.reverse() ? " reverse" : "")));
        i.trackScripts().forEach(t -> line("track_script " + t.name()
                + (t.weight().isPresent() ? " weight " + t.weight().getAsInt() : "") + (t.reverse() ? " reverse" : "")));
        opt("notify_master", i.notifyScripts().master());
        opt("notify_backup", i.notifyScripts().backup());
        opt("notify_fault", i.notifyScripts().fault());
        opt("notify_stop", i.notifyScripts().stop());
        opt("notify", i.notifyScripts().generic());
        line("garp_master_delay " + secs(i.garp().masterDelayMicros()));
        line("garp_master_repeat " + i.garp().masterRepeat());
        line("accept " + i.accept());
        line("strict_mode " + i.strictMode());
        i.virtualRoutes().forEach(r -> line("virtual_route " + String.join(" ", r.words())));
        i.virtualRules().forEach(r -> line("virtual_rule " + String.join(" ", r.words())));
        close();
    }

    private void list(String name, List<VipAddress> l) {
        if (!l.isEmpty()) {
            open(name);
            l.forEach(a -> line(a.display()));
            close();
        }
    }

    private void virtualServer(VirtualServerConfig v) {
        open("virtual_server " + v.display());
        line("lb_algo " + v.scheduler());
        line("lb_kind " + v.method());
        line("protocol " + v.protocol());
        line("persistence_timeout " + v.persistenceTimeoutSeconds());
        opt("delay_loop", v.defaults().delayLoopMicros().isPresent()
                ? Optional.of(secs(v.defaults().delayLoopMicros().getAsLong())) : Optional.of("60"));
        line("quorum " + v.quorum());
        line("hysteresis " + v.hysteresis());
        line("inhibit_on_failure " + v.inhibitOnFailure());
        v.sorryServer().ifPresent(s -> line("sorry_server " + ip(s.address()) + " " + s.port()));
        v.realServers().forEach(this::realServer);
        close();
    }

    private void realServer(RealServerConfig r) {
        open("real_server " + ip(r.address()) + " " + r.port());
        opt("weight", r.weight());
        opt("lb_kind", r.method());
        for (CheckerConfig c : r.checkers()) {
            open(c.type());
            opt("connect_ip", c.common().connectIp());
            opt("connect_port", c.common().connectPort());
            opt("retry", c.common().retry());
            c.common().connectTimeoutMicros().ifPresent(t -> line("connect_timeout " + secs(t)));
            c.common().delayBeforeRetryMicros().ifPresent(t -> line("delay_before_retry " + secs(t)));
            if (c instanceof CheckerConfig.HttpCheck h) {
                h.urls().forEach(u -> line("url " + u.path() + u.digest().map(d -> " digest " + d).orElse("")));
            } else if (c instanceof CheckerConfig.MiscCheck m) {
                opt("misc_path", m.script());
            } else if (c instanceof CheckerConfig.FileCheck f) {
                line("track_file " + f.file().name());
                line("weight " + f.weight() + (f.reverse() ? " reverse" : ""));
            }
            close();
        }
        close();
    }
}
