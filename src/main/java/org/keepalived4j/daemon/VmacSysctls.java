package org.keepalived4j.daemon;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.keepalived4j.net.Sysctl;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * The IPv4 sysctls keepalived 2.2.7 sets for a VMAC (set_interface_parameters(),
 * reset_interface_parameters(), clear_rp_filter(), restore_rp_filter() in vrrp_if_config.c),
 * with its log lines:
 * <ul>
 * <li>on the VMAC: arp_ignore 1, accept_local 1, rp_filter 0, promote_secondaries 1;</li>
 * <li>on the base interface: arp_ignore 1 and arp_filter 1 when either differs, the old values
 *     restored when its last VMAC goes;</li>
 * <li>once: when all.rp_filter is not 0 (the VMAC's rp_filter 0 would be overridden), every
 *     interface and default.rp_filter below it are raised to it, then all.rp_filter becomes 0;
 *     {@link #restoreRpFilter()} (at exit) undoes what is still as we left it.</li>
 * </ul>
 * keepalived 2.2.7's netlink (devconf) build re-reads the base's values from its own change
 * notifications, so it in fact leaves arp_ignore/arp_filter at 1 after exit; we restore what
 * was there (its sysctl build's behaviour, and what the code intends): docs/facts.md.
 */
final class VmacSysctls {
    private static final int NONE = -1;

    private final Sysctl sysctl;
    private final LogPort log;
    private final Map<String, BaseArp> bases = new HashMap<>();
    private final Map<String, Integer> savedRpFilter = new LinkedHashMap<>();
    private int allRpFilter = NONE;
    private int defaultRpFilter = NONE;

    /** What a base interface had before its first VMAC, and how many VMACs rely on the change. */
    private static final class BaseArp {
        final int arpIgnore;
        final int arpFilter;
        int refs;

        BaseArp(int arpIgnore, int arpFilter) {
            this.arpIgnore = arpIgnore;
            this.arpFilter = arpFilter;
        }
    }

    VmacSysctls(Sysctl sysctl, LogPort log) {
        this.sysctl = sysctl;
        this.log = log;
    }

    /** set_interface_parameters(): a new IPv4 VMAC on {@code base}. */
    void configure(String vmac, String base) {
        if (allRpFilter == NONE) {
            clearRpFilter();
        }
        boolean ok = set(vmac, "arp_ignore", 1) & set(vmac, "accept_local", 1) & set(vmac, "rp_filter", 0)
                & set(vmac, "promote_secondaries", 1);
        if (!ok) {
            log.info("Unable to set parameters for " + vmac);
            return;
        }
        BaseArp b = bases.get(base);
        if (b != null && b.refs > 0) {
            b.refs++;
            return;
        }
        OptionalInt ignore = sysctl.read(Sysctl.ipv4Conf(base, "arp_ignore"));
        OptionalInt filter = sysctl.read(Sysctl.ipv4Conf(base, "arp_filter"));
        if (ignore.isEmpty() || filter.isEmpty() || (ignore.getAsInt() == 1 && filter.getAsInt() == 1)) {
            return;
        }
        if (!(set(base, "arp_ignore", 1) & set(base, "arp_filter", 1))) {
            log.info("Set base flags on " + base + " failed for VMAC " + vmac);
            log.info("Unable to set parameters for " + vmac);
            return;
        }
        b = new BaseArp(ignore.getAsInt(), filter.getAsInt());
        b.refs = 1;
        bases.put(base, b);
    }

    /** reset_interface_parameters(): an IPv4 VMAC on {@code base} is going. */
    void release(String base) {
        BaseArp b = bases.get(base);
        if (b == null || b.refs == 0 || --b.refs > 0) {
            return;
        }
        bases.remove(base);
        if (!(set(base, "arp_ignore", b.arpIgnore) & set(base, "arp_filter", b.arpFilter))) {
            log.info("reset interface flags on " + base + " failed");
            log.info("Unable to reset parameters for " + base);
        }
    }

    private boolean set(String ifname, String param, int value) {
        return sysctl.write(Sysctl.ipv4Conf(ifname, param), value);
    }

    private void clearRpFilter() {
        OptionalInt all = sysctl.read(Sysctl.ipv4Conf("all", "rp_filter"));
        if (all.isEmpty()) {
            log.info("Unable to read sysctl net.ipv4.conf.all.rp_filter");
            return;
        }
        if (all.getAsInt() == 0) {
            return;
        }
        allRpFilter = all.getAsInt();
        OptionalInt def = sysctl.read(Sysctl.ipv4Conf("default", "rp_filter"));
        if (def.isPresent() && def.getAsInt() < allRpFilter) {
            log.info("NOTICE: setting sysctl net.ipv4.conf.default.rp_filter from " + def.getAsInt() + " to "
                    + allRpFilter);
            set("default", "rp_filter", allRpFilter);
            defaultRpFilter = def.getAsInt();
        }
        for (String ifname : sysctl.ipv4Interfaces()) {
            OptionalInt rp = sysctl.read(Sysctl.ipv4Conf(ifname, "rp_filter"));
            if (rp.isEmpty()) {
                log.info("Unable to read rp_filter for " + ifname);
            } else if (rp.getAsInt() < allRpFilter) {
                set(ifname, "rp_filter", allRpFilter);
                savedRpFilter.put(ifname, rp.getAsInt());
            }
        }
        log.info("NOTICE: setting sysctl net.ipv4.conf.all.rp_filter from " + allRpFilter + " to 0");
        set("all", "rp_filter", 0);
    }

    /** restore_rp_filter(): put back what clearRpFilter changed, where it is still as we left it. */
    void restoreRpFilter() {
        if (allRpFilter == NONE) {
            return;
        }
        if (sysctl.read(Sysctl.ipv4Conf("all", "rp_filter")).orElse(NONE) == 0) {
            log.info("NOTICE: resetting sysctl net.ipv4.conf.all.rp_filter to " + allRpFilter);
            set("all", "rp_filter", allRpFilter);
        }
        if (defaultRpFilter != NONE) {
            if (sysctl.read(Sysctl.ipv4Conf("default", "rp_filter")).orElse(NONE) == allRpFilter) {
                log.info("NOTICE: resetting sysctl net.ipv4.conf.default.rp_filter to " + defaultRpFilter);
                set("default", "rp_filter", defaultRpFilter);
            }
            defaultRpFilter = NONE;
        }
        savedRpFilter.forEach((ifname, rp) -> {
            if (sysctl.read(Sysctl.ipv4Conf(ifname, "rp_filter")).orElse(NONE) == allRpFilter) {
                set(ifname, "rp_filter", rp);
            }
        });
        savedRpFilter.clear();
        allRpFilter = NONE;
    }
}
