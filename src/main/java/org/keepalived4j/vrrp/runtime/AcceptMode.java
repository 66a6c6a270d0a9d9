package org.keepalived4j.vrrp.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.port.FirewallPort;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * Accept mode as keepalived 2.2.7 enforces it (vrrp.c vrrp_handle_accept_mode(),
 * vrrp_firewall.c): an instance that is not the address owner (priority 255) and has no
 * {@code accept} (the default in strict mode) puts its VIPs and eVIPs into the firewall's drop
 * sets when it becomes MASTER, before it adds the addresses, and takes them out after removing
 * the addresses when it leaves MASTER. Each VIP is sent once (keepalived's nftable_rule_set);
 * a reload that changes the addresses or the mode adds and removes only the difference.
 * Event-loop thread only.
 */
final class AcceptMode {
    private final FirewallPort firewall;
    private final LogPort log;
    private final Set<FirewallPort.Entry> installed = new LinkedHashSet<>();

    AcceptMode(FirewallPort firewall, LogPort log) {
        this.firewall = firewall;
        this.log = log;
    }

    /** keepalived blocks the VIPs of a MASTER unless it owns them or has accept mode. */
    static boolean blocks(VrrpInstanceConfig c) {
        return c.priority() != 255 && !c.accept();
    }

    /** The drop-set entries of an instance's VIPs then eVIPs. */
    static List<FirewallPort.Entry> entries(VrrpInstanceConfig c, String ifname) {
        List<VipAddress> all = new ArrayList<>(c.virtualIpAddresses());
        all.addAll(c.excludedVirtualIpAddresses());
        List<FirewallPort.Entry> out = new ArrayList<>();
        for (VipAddress v : all) {
            String dev = v.dev().orElse(ifname);
            out.add(new FirewallPort.Entry(v.address(), dev, c.dontTrackPrimary() && (dev.equals(ifname) || v.noTrack())));
        }
        return out;
    }

    static String settingMessage(String instance) {
        return "(" + instance + ") setting firewall drop rule";
    }

    static String removingMessage(String instance) {
        return "(" + instance + ") removing firewall drop rule";
    }

    /** Becoming MASTER: the VIPs into the drop sets (a no-op for an owner or with accept). */
    void becomeMaster(VrrpInstanceConfig c, String ifname) {
        if (blocks(c)) {
            log.detail(settingMessage(c.name()));
            apply(c.name(), entries(c, ifname));
        }
    }

    /** Leaving MASTER (after the addresses were removed): the VIPs out of the drop sets. */
    void leaveMaster(VrrpInstanceConfig c) {
        if (blocks(c)) {
            log.detail(removingMessage(c.name()));
        }
        apply(c.name(), List.of());
    }

    /**
     * A reload of a MASTER (clear_diff_vrrp_vip(), restore_vrrp_state()): the drop sets follow
     * the new addresses and the new mode.
     */
    void reloadMaster(VrrpInstanceConfig next, String ifname) {
        apply(next.name(), blocks(next) ? entries(next, ifname) : List.of());
    }

    private void apply(String instance, List<FirewallPort.Entry> want) {
        List<FirewallPort.Entry> gone = installed.stream().filter(e -> !want.contains(e)).toList();
        List<FirewallPort.Entry> added = want.stream().filter(e -> !installed.contains(e)).distinct().toList();
        if (!gone.isEmpty()) {
            try {
                firewall.remove(gone);
                gone.forEach(installed::remove);
            } catch (IOException e) {
                log.info("(" + instance + ") cannot remove VIPs from the firewall drop sets: " + e.getMessage());
                gone.forEach(installed::remove);   // keepalived forgets them too (nftable_rule_set is cleared)
            }
        }
        if (!added.isEmpty()) {
            try {
                firewall.add(added);
                installed.addAll(added);
            } catch (IOException e) {
                log.info("(" + instance + ") cannot add VIPs to the firewall drop sets: " + e.getMessage());
            }
        }
    }
}
