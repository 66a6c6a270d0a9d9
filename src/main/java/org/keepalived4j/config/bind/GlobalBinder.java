package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.model.GarpSettings;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.parser.Node;
import org.keepalived4j.util.IpAddresses;

/** Binds {@code global_defs} (keepalived/core/global_parser.c handlers, same messages). */
final class GlobalBinder {
    private static final long UINT_MAX = 0xffff_ffffL;
    private static final long HZ = BindContext.TIMER_HZ;

    private final BindContext ctx;
    private Optional<String> routerId = Optional.empty();
    private final List<String> emails = new ArrayList<>();
    private Optional<String> emailFrom = Optional.empty();
    private Optional<String> smtpServer = Optional.empty();
    private int smtpPort = 25;
    private Optional<String> smtpHelo = Optional.empty();
    private long smtpTimeout = 30 * HZ;
    private boolean smtpAlert;
    private Optional<String> scriptUser = Optional.empty();
    private Optional<String> scriptGroup = Optional.empty();
    private boolean scriptSecurity;
    private InetAddress group4 = IpAddresses.parse("224.0.0.18").orElseThrow();
    private InetAddress group6 = IpAddresses.parse("ff02::12").orElseThrow();
    private Optional<String> defaultInterface = Optional.empty();
    private int vrrpVersion = 2;
    private long garpDelay = 5 * HZ;
    private int garpRepeat = 5;
    private long garpRefresh;
    private int garpRefreshRepeat = 1;
    private OptionalLong lowerPrioDelay = OptionalLong.empty();
    private OptionalLong lowerPrioRepeat = OptionalLong.empty();
    private long garpInterval;
    private long gnaInterval;
    private boolean strict;
    private boolean skipCheckAdvAddr;
    private boolean checkUnicastSrc;
    private Optional<Boolean> lowerPrioNoAdvert = Optional.empty();
    private boolean higherPrioSendAdvert;
    private boolean dynamicInterfaces;
    private boolean lvsFlush;
    private final NfTablesKeywords nftables;
    private final FifoDraft notifyFifo = new FifoDraft("");
    private final FifoDraft vrrpNotifyFifo = new FifoDraft("vrrp_");

    /** notify_fifo / notify_fifo_script as parsed (global_parser.c: notify_fifo(), notify_fifo_script()). */
    private final class FifoDraft {
        final String type;
        Optional<String> path = Optional.empty();
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        Optional<org.keepalived4j.config.model.Script> script = Optional.empty();
        boolean scriptSeen;

        FifoDraft(String type) {
            this.type = type;
        }

        void fifo(Node n) {
            if (n.args().isEmpty()) {
                ctx.error(n, "No " + type + "notify_fifo name specified");
            } else if (path.isPresent()) {
                ctx.error(n, type + "notify_fifo already specified - ignoring " + n.arg(0));
            } else {
                path = Optional.of(n.arg(0));
                user = Optional.ofNullable(n.arg(1));
                group = Optional.ofNullable(n.arg(2));
            }
        }

        void script(Node n) {
            if (n.args().isEmpty()) {
                ctx.error(n, "No " + type + "notify_fifo_script specified");
            } else if (scriptSeen) {
                ctx.error(n, type + "notify_fifo_script already specified - ignoring " + n.arg(0));
            } else {
                scriptSeen = true;
                script = Scripts.parse(ctx, n);
            }
        }

        Optional<org.keepalived4j.config.model.NotifyFifo> result() {
            return path.isEmpty() && script.isEmpty() ? Optional.empty()
                    : Optional.of(new org.keepalived4j.config.model.NotifyFifo(path, user, group, script));
        }
    }

    GlobalBinder(BindContext ctx) {
        this.ctx = ctx;
        this.nftables = new NfTablesKeywords(ctx);
    }

    void bind(Node block) {
        for (Node n : block.children()) {
            keyword(n);
        }
    }

    GlobalDefs result() {
        GarpSettings garp = new GarpSettings(garpDelay, garpRepeat, garpRefresh, garpRefreshRepeat,
                lowerPrioDelay.orElse(garpDelay), (int) lowerPrioRepeat.orElse(garpRepeat), garpInterval, gnaInterval);
        return new GlobalDefs(routerId, emails, emailFrom, smtpServer, smtpPort, smtpHelo, smtpTimeout, smtpAlert,
                scriptUser, scriptGroup, scriptSecurity, group4, group6, defaultInterface, vrrpVersion, garp, strict,
                skipCheckAdvAddr, checkUnicastSrc, lowerPrioNoAdvert.orElse(strict), higherPrioSendAdvert,
                dynamicInterfaces, lvsFlush, nftables.result(), notifyFifo.result(), vrrpNotifyFifo.result());
    }

    private void keyword(Node n) {
        if (NfTablesKeywords.handles(n.keyword())) {
            nftables.keyword(n);
            return;
        }
        switch (n.keyword()) {
            case "router_id" -> {
                if (n.args().isEmpty()) {
                    ctx.error(n, "routerid name missing - ignoring");
                } else {
                    routerId = Optional.of(String.join(" ", n.args()));
                }
            }
            case "notification_email" -> n.children().forEach(c -> emails.addAll(c.words()));
            case "notification_email_from" -> emailFrom = Optional.of(ctx.require(n, 1));
            case "smtp_server" -> smtpServer(n);
            case "smtp_helo_name" -> smtpHelo = Optional.of(ctx.require(n, 1));
            case "smtp_connect_timeout" -> smtpConnectTimeout(n);
            case "smtp_alert" -> ctx.flag(n, "Invalid value '" + n.arg(0) + "' for global smtp_alert specified")
                    .ifPresent(b -> smtpAlert = b);
            case "script_user" -> {
                if (n.args().isEmpty()) {
                    ctx.error(n, "No script username specified");
                } else {
                    scriptUser = Optional.of(n.arg(0));
                    scriptGroup = Optional.ofNullable(n.arg(1));
                }
            }
            case "enable_script_security" -> scriptSecurity = true;
            case "vrrp_mcast_group4" -> mcastGroup(n, false);
            case "vrrp_mcast_group6" -> mcastGroup(n, true);
            case "default_interface" -> defaultInterface = Optional.of(ctx.require(n, 1));
            case "vrrp_version" -> {
                OptionalLong v = ctx.readInt(n, ctx.require(n, 1), 2, 3);
                if (v.isEmpty()) {
                    ctx.error(n, "VRRP Error: Version must be either 2 or 3");
                } else {
                    vrrpVersion = (int) v.getAsLong();
                }
            }
            case "vrrp_garp_master_delay" -> seconds(n, "vrrp_garp_master_delay '" + n.arg(0) + "' invalid - ignoring")
                    .ifPresent(v -> garpDelay = v * HZ);
            case "vrrp_garp_master_repeat" -> garpRepeat = repeat(n, "vrrp_garp_master_repeat", garpRepeat);
            case "vrrp_garp_master_refresh" -> garpRefresh = seconds(n, "Invalid vrrp_garp_master_refresh '"
                    + n.arg(0) + "' - ignoring").orElse(0) * HZ;
            case "vrrp_garp_master_refresh_repeat" -> garpRefreshRepeat = repeat(n, "vrrp_garp_master_refresh_repeat",
                    garpRefreshRepeat);
            case "vrrp_garp_lower_prio_delay" -> seconds(n, "vrrp_garp_lower_prio_delay '" + n.arg(0)
                    + "' invalid - ignoring").ifPresent(v -> lowerPrioDelay = OptionalLong.of(v * HZ));
            case "vrrp_garp_lower_prio_repeat" -> lowerPrioRepeat = OptionalLong.of(repeat(n,
                    "vrrp_garp_lower_prio_repeat", garpRepeat));
            case "vrrp_garp_interval" -> interval(n, "vrrp_garp_interval").ifPresent(v -> garpInterval = v);
            case "vrrp_gna_interval" -> interval(n, "vrrp_gna_interval").ifPresent(v -> gnaInterval = v);
            case "vrrp_strict" -> strict = true;
            case "vrrp_skip_check_adv_addr" -> ctx.flag(n, "Invalid value '" + n.arg(0)
                    + "' for global vrrp_skip_check_adv_addr specified").ifPresent(b -> skipCheckAdvAddr = b);
            case "vrrp_check_unicast_src" -> checkUnicastSrc = true;
            case "vrrp_lower_prio_no_advert" -> ctx.flag(n, "Invalid value '" + n.arg(0)
                    + "' for global vrrp_lower_prio_no_advert specified").ifPresent(b -> lowerPrioNoAdvert = Optional.of(b));
            case "vrrp_higher_prio_send_advert" -> ctx.flag(n, "Invalid value '" + n.arg(0)
                    + "' for global vrrp_higher_prio_send_advert specified").ifPresent(b -> higherPrioSendAdvert = b);
            case "dynamic_interfaces" -> dynamicInterfaces = true;
            case "lvs_flush" -> lvsFlush = true;
            case "notify_fifo" -> notifyFifo.fifo(n);
            case "notify_fifo_script" -> notifyFifo.script(n);
            case "vrrp_notify_fifo" -> vrrpNotifyFifo.fifo(n);
            case "vrrp_notify_fifo_script" -> vrrpNotifyFifo.script(n);
            default -> ctx.notImplemented("global_defs", n);
        }
    }

    private void smtpServer(Node n) {
        String host = ctx.require(n, 1);
        String port = n.args().size() >= 2 ? n.arg(1) : "25";
        OptionalLong p = port.chars().allMatch(Character::isDigit) && !port.isEmpty() && port.length() < 6
                ? OptionalLong.of(Long.parseLong(port)) : OptionalLong.empty();
        boolean hostOk = IpAddresses.parse(host).isPresent()
                || host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
        if (p.isEmpty() || p.getAsLong() > 65535 || !hostOk) {
            ctx.error(n, "Invalid smtp server " + host + " " + port);
            return;
        }
        smtpServer = Optional.of(host);
        smtpPort = (int) p.getAsLong();
    }

    private void smtpConnectTimeout(Node n) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, UINT_MAX / HZ);
        if (v.isEmpty()) {
            ctx.error(n, "smtp_connect_timeout '" + n.arg(0) + "' must be in [0, " + UINT_MAX / HZ + "] - ignoring");
            return;
        }
        long t = v.getAsLong();
        if (t == 0) {
            ctx.error(n, "smtp_conect_timeout must be greater than 0, setting to 1");
            t = 1;
        }
        smtpTimeout = t * HZ;
    }

    private void mcastGroup(Node n, boolean v6) {
        String name = v6 ? "vrrp_mcast_group6" : "vrrp_mcast_group4";
        String s = ctx.require(n, 1);
        Optional<InetAddress> a = IpAddresses.parse(s);
        if (a.isEmpty()) {
            ctx.error(n, "Can't parse " + name + " [" + s + "]. Skipping");
        } else if (IpAddresses.isIpv6(a.get()) != v6) {
            ctx.error(n, name + " [" + s + "] is not " + (v6 ? "IPv6" : "IPv4") + ". Skipping");
        } else if (!a.get().isMulticastAddress()) {
            ctx.error(n, name + " [" + s + "] is not multicast. Skipping");
        } else if (v6) {
            group6 = a.get();
        } else {
            group4 = a.get();
        }
    }

    private OptionalLong seconds(Node n, String invalid) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, UINT_MAX / HZ);
        if (v.isEmpty()) {
            ctx.error(n, invalid);
        }
        return v;
    }

    private int repeat(Node n, String name, int current) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, UINT_MAX);
        if (v.isEmpty()) {
            ctx.error(n, name + " '" + n.arg(0) + "' invalid - ignoring");
            return current;
        }
        if (v.getAsLong() == 0) {
            ctx.error(n, name + " must be greater than 0, setting to 1");
            return 1;
        }
        return (int) Math.min(v.getAsLong(), Integer.MAX_VALUE);
    }

    private OptionalLong interval(Node n, String name) {
        OptionalLong v = ctx.readDecimal(n, ctx.require(n, 1), 1, UINT_MAX, 6);
        if (v.isEmpty()) {
            ctx.error(n, name + " '" + n.arg(0) + "' is invalid");
        }
        return v;
    }
}
